import { Cron } from 'croner';

const cache = new Map<string, Cron>();
const CACHE_LIMIT = 500;

/**
 * Returns a paused croner job used only as a calculator (it never sets a timer). Five fields
 * (`minute hour day-of-month month day-of-week`) or a nickname such as `@daily`. DST follows
 * Vixie cron: a fixed time inside a spring-forward gap runs right after the gap, a fixed time
 * that occurs twice in a fall-back runs once (the first time); interval patterns run in both
 * copies of the repeated hour. Throws croner's error for a malformed expression or zone.
 */
export function cronOf(expression: string, timeZone: string): Cron {
  const key = `${timeZone}\u0000${expression}`;
  let cron = cache.get(key);
  if (!cron) {
    cron = new Cron(expression, { timezone: timeZone, paused: true, mode: '5-part' });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, cron);
  }
  return cron;
}

/** The first fire time strictly after `after` (epoch ms), or `undefined` when the pattern never fires again. */
export function cronFireAfter(cron: Cron, after: number): number | undefined {
  return cron.nextRun(new Date(after))?.getTime();
}

/** The last fire time at or before `atOrBefore` (epoch ms), or `undefined`. */
export function cronFireAtOrBefore(cron: Cron, atOrBefore: number): number | undefined {
  return cron.previousRuns(1, new Date(atOrBefore + 1))[0]?.getTime();
}

/**
 * Why `expression` is not a usable cron expression in `timeZone`, or `undefined` when it is.
 * Checks the syntax and that the pattern fires at least once in the future.
 */
export function cronProblem(expression: string, timeZone: string, now: number): string | undefined {
  let cron: Cron;
  try {
    cron = cronOf(expression, timeZone);
  } catch (error) {
    const reason = (error as Error).message.replace(/^CronPattern:\s*/, '');
    return `invalid cron expression ${JSON.stringify(expression)} (${reason}). Use 5 fields "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1-5" for 09:00 on weekdays, or a nickname such as "@daily".`;
  }
  if (cronFireAfter(cron, now) === undefined) {
    return `cron expression ${JSON.stringify(expression)} never fires (no matching date, e.g. 30 February). Check the day-of-month and month fields.`;
  }
  return undefined;
}
