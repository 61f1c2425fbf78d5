import { z } from 'zod';
import { cronProblem } from './cron.js';
import { isKnownTimeZone } from './time-zone.js';

/** The shortest interval a task may repeat at: one second. */
export const MIN_INTERVAL_MS = 1_000;
/** The longest interval a task may repeat at: 366 days. */
export const MAX_INTERVAL_MS = 366 * 24 * 60 * 60 * 1_000;

/** A cron schedule evaluated in an IANA time zone. */
export const CronScheduleSchema = z
  .object({
    kind: z.literal('cron'),
    expression: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(120, 'must be at most 120 characters')
      .describe('Five fields "minute hour day-of-month month day-of-week" (e.g. "0 9 * * 1-5") or a nickname such as "@daily".'),
    timeZone: z.string().default('UTC').describe('IANA time zone the expression is read in, e.g. "Europe/Berlin" (default "UTC").'),
  })
  .strict()
  .superRefine((value, context) => {
    if (!isKnownTimeZone(value.timeZone)) {
      context.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `unknown time zone ${JSON.stringify(value.timeZone)}: use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"`,
      });
      return;
    }
    const problem = cronProblem(value.expression, value.timeZone, Date.now());
    if (problem) context.addIssue({ code: 'custom', path: ['expression'], message: problem });
  })
  .describe('Runs whenever the cron expression matches, in the given time zone.');

/** A one-shot schedule. */
export const AtScheduleSchema = z
  .object({
    kind: z.literal('at'),
    at: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 time with a UTC offset, e.g. "2026-03-08T09:00:00Z" or "2026-03-08T09:00:00+01:00"' })
      .describe('When to run, ISO 8601 with offset. Must be in the future when the task is created.'),
  })
  .strict()
  .describe('Runs once at the given time.');

/** A fixed-interval schedule. */
export const IntervalScheduleSchema = z
  .object({
    kind: z.literal('interval'),
    everyMs: z
      .number()
      .int('must be a whole number of milliseconds')
      .min(MIN_INTERVAL_MS, `must be at least ${MIN_INTERVAL_MS} ms (1 second)`)
      .max(MAX_INTERVAL_MS, `must be at most ${MAX_INTERVAL_MS} ms (366 days); use a cron or "at" schedule for rarer runs`)
      .describe('Milliseconds between runs; the first run is one interval after the task is first scheduled.'),
  })
  .strict()
  .describe('Runs every `everyMs` milliseconds.');

/** A schedule that never fires on its own. */
export const ManualScheduleSchema = z.object({ kind: z.literal('manual') }).strict().describe('Runs only when triggered with task/run.');

/** When a task runs: `cron`, `at` (once), `interval` or `manual`. */
export const ScheduleSchema = z.discriminatedUnion('kind', [CronScheduleSchema, AtScheduleSchema, IntervalScheduleSchema, ManualScheduleSchema]);

/** A validated schedule. */
export type Schedule = z.output<typeof ScheduleSchema>;
/** A schedule as written. */
export type ScheduleInput = z.input<typeof ScheduleSchema>;
