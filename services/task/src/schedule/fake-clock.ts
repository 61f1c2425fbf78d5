import type { Clock } from './clock.js';

/** A {@link Clock} that only moves when told to; for tests of schedules, retries and timeouts. */
export interface FakeClock extends Clock {
  /** Timers not yet fired or cancelled. */
  readonly pendingTimers: number;
  /** The time of the earliest pending timer, or `undefined` when none is pending. */
  nextTimerAt(): number | undefined;
  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way in time order (the
   * clock reads each timer's own time while it fires). Pending promise callbacks and I/O get a
   * chance to run after each timer, so work a timer starts can arm the next one.
   */
  advance(ms: number): Promise<void>;
  /** Moves time forward to epoch millisecond `at` (or ISO time), like {@link FakeClock.advance}. */
  advanceTo(at: number | string | Date): Promise<void>;
}

interface PendingTimer {
  at: number;
  order: number;
  fire: () => void;
}

const settle = async (): Promise<void> => {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setImmediate(resolve));
};

const toEpoch = (value: number | string | Date): number => {
  const epoch = typeof value === 'number' ? value : new Date(value).getTime();
  if (!Number.isFinite(epoch)) throw new RangeError(`Not a valid time: ${String(value)}`);
  return epoch;
};

/**
 * Creates a fake clock starting at `start` (epoch milliseconds, ISO string or Date). Time stands
 * still until {@link FakeClock.advance}; a timer set for a time already reached fires on the next tick.
 *
 * @example
 * ```ts
 * const clock = createFakeClock('2026-03-07T12:00:00Z');
 * const agent = createAgent({ services: [createTaskService({ clock })], ... });
 * await clock.advanceTo('2026-03-08T07:00:00Z'); // fires the 02:00 New York slot
 * ```
 */
export function createFakeClock(start: number | string | Date = 0): FakeClock {
  let now = toEpoch(start);
  let order = 0;
  const timers = new Set<PendingTimer>();

  const earliest = (): PendingTimer | undefined => {
    let first: PendingTimer | undefined;
    for (const timer of timers) if (!first || timer.at < first.at || (timer.at === first.at && timer.order < first.order)) first = timer;
    return first;
  };

  const advanceTo = async (target: number): Promise<void> => {
    if (target < now) throw new RangeError(`A fake clock cannot go back in time (now ${new Date(now).toISOString()}).`);
    await settle();
    for (let timer = earliest(); timer && timer.at <= target; timer = earliest()) {
      timers.delete(timer);
      now = Math.max(now, timer.at);
      timer.fire();
      await settle();
    }
    now = target;
    await settle();
  };

  return {
    now: () => now,
    setTimer(at, fire) {
      const timer: PendingTimer = { at, order: order++, fire };
      timers.add(timer);
      // Like the real clock, a timer already due fires on the next tick without advancing time.
      if (at <= now) {
        setImmediate(() => {
          if (timers.delete(timer)) fire();
        });
      }
      return () => void timers.delete(timer);
    },
    get pendingTimers() {
      return timers.size;
    },
    nextTimerAt: () => earliest()?.at,
    advance: (ms) => advanceTo(now + ms),
    advanceTo: (at) => advanceTo(toEpoch(at)),
  };
}
