/**
 * Where the task service reads the time and sets its timers. The scheduler, retries and timeouts
 * all go through one clock, so tests can swap in `createFakeClock` (from `@downcity/task/test`) and move time by hand.
 */
export interface Clock {
  /** The current time, epoch milliseconds. */
  now(): number;
  /**
   * Calls `fire` once at (or soon after) epoch millisecond `at`; a time in the past fires on the
   * next tick. Returns a function that cancels the timer; cancelling twice is harmless.
   */
  setTimer(at: number, fire: () => void): () => void;
}

/** The longest delay `setTimeout` accepts (about 24.8 days); longer waits are re-armed in steps. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * The real clock: `Date.now()` and `setTimeout`. A timer further away than
 * {@link MAX_TIMER_DELAY_MS} sleeps in steps, so a task one year out still fires on time.
 */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimer(at, fire) {
      let handle: NodeJS.Timeout | undefined;
      let cancelled = false;
      const arm = (): void => {
        if (cancelled) return;
        const delay = at - Date.now();
        if (delay > MAX_TIMER_DELAY_MS) {
          handle = setTimeout(arm, MAX_TIMER_DELAY_MS);
          return;
        }
        handle = setTimeout(() => {
          if (!cancelled) fire();
        }, Math.max(0, delay));
      };
      arm();
      return () => {
        cancelled = true;
        clearTimeout(handle);
      };
    },
  };
}
