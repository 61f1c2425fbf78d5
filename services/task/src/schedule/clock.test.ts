import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemClock, MAX_TIMER_DELAY_MS } from './clock.js';
import { createFakeClock } from './fake-clock.js';

afterEach(() => void vi.useRealTimers());

describe('system clock', () => {
  it('fires a timer further away than setTimeout allows (~24.8 days), in steps, on time', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = createSystemClock();
    const fired: number[] = [];
    const at = 60 * 24 * 60 * 60 * 1_000; // 60 days
    clock.setTimer(at, () => fired.push(Date.now()));
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(at - MAX_TIMER_DELAY_MS - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([at]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels long and short timers', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = createSystemClock();
    const fire = vi.fn();
    clock.setTimer(10, fire)();
    const cancelLong = clock.setTimer(40 * 24 * 60 * 60 * 1_000, fire);
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS + 5);
    cancelLong();
    vi.runAllTimers();
    expect(fire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('fake clock', () => {
  it('fires timers in time order, reading each timer its own time, and lets chained timers fire', async () => {
    const clock = createFakeClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    const record = (label: string) => () => seen.push(`${label}@${new Date(clock.now()).toISOString().slice(11, 19)}`);
    clock.setTimer(Date.parse('2026-01-01T00:00:20Z'), record('b'));
    clock.setTimer(Date.parse('2026-01-01T00:00:10Z'), () => {
      record('a')();
      clock.setTimer(clock.now() + 5_000, record('chained'));
    });
    const cancel = clock.setTimer(Date.parse('2026-01-01T00:00:15Z'), record('cancelled'));
    cancel();
    await clock.advance(30_000);
    expect(seen).toEqual(['a@00:00:10', 'chained@00:00:15', 'b@00:00:20']);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:30.000Z');
    expect(clock.pendingTimers).toBe(0);
  });

  it('fires a timer that is already due on the next tick, and refuses to go back', async () => {
    const clock = createFakeClock(1_000);
    const fire = vi.fn();
    clock.setTimer(500, fire);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fire).toHaveBeenCalledOnce();
    await expect(clock.advanceTo(10)).rejects.toThrow(/back in time/);
  });
});
