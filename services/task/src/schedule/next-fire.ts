import { cronFireAfter, cronFireAtOrBefore, cronOf } from './cron.js';
import type { Schedule } from './schedule-schema.js';

/**
 * The first slot of a schedule that is seen for the first time at `now`: the next cron match,
 * the `at` time when still ahead, one interval from now, or `undefined` (manual, or `at` passed).
 */
export function firstFire(schedule: Schedule, now: number): number | undefined {
  switch (schedule.kind) {
    case 'cron':
      return cronFireAfter(cronOf(schedule.expression, schedule.timeZone), now);
    case 'at': {
      const at = Date.parse(schedule.at);
      return at > now ? at : undefined;
    }
    case 'interval':
      return now + schedule.everyMs;
    case 'manual':
      return undefined;
  }
}

/** The slot that follows `slot`, or `undefined` when the schedule has no more. */
export function fireAfter(schedule: Schedule, slot: number): number | undefined {
  switch (schedule.kind) {
    case 'cron':
      return cronFireAfter(cronOf(schedule.expression, schedule.timeZone), slot);
    case 'interval':
      return slot + schedule.everyMs;
    case 'at':
    case 'manual':
      return undefined;
  }
}

/**
 * The latest slot at or before `now`, given `due`, a slot known to be at or before `now`.
 * Jumps straight there, so a week of downtime under a per-minute cron costs one lookup.
 */
export function latestFire(schedule: Schedule, due: number, now: number): number {
  switch (schedule.kind) {
    case 'cron': {
      const latest = cronFireAtOrBefore(cronOf(schedule.expression, schedule.timeZone), now);
      return latest !== undefined && latest > due ? latest : due;
    }
    case 'interval':
      return due + Math.floor((now - due) / schedule.everyMs) * schedule.everyMs;
    case 'at':
    case 'manual':
      return due;
  }
}

/** A stable key of a schedule's timing fields; when it changes, the schedule state starts over. */
export function scheduleKey(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'cron':
      return `cron|${schedule.timeZone}|${schedule.expression}`;
    case 'at':
      return `at|${Date.parse(schedule.at)}`;
    case 'interval':
      return `interval|${schedule.everyMs}`;
    case 'manual':
      return 'manual';
  }
}
