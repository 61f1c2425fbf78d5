import { describe, expect, it } from 'vitest';
import { ScheduleSchema } from './schedule-schema.js';

const problems = (input: unknown) => {
  const result = ScheduleSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('schedule validation', () => {
  it('names the field and says what is expected', () => {
    expect(problems({ kind: 'cron', expression: '61 * * * *', timeZone: 'UTC' })).toEqual([expect.stringMatching(/^expression: invalid cron expression "61 \* \* \* \*" \(.*minute.*\)\. Use 5 fields/)]);
    expect(problems({ kind: 'cron', expression: 'every day', timeZone: 'UTC' })[0]).toMatch(/^expression: invalid cron expression/);
    expect(problems({ kind: 'cron', expression: '0 0 * * * *', timeZone: 'UTC' })[0]).toMatch(/^expression: .*5 parts/);
    expect(problems({ kind: 'cron', expression: '0 0 30 2 *', timeZone: 'UTC' })).toEqual([expect.stringMatching(/^expression: .*never fires/)]);
    expect(problems({ kind: 'cron', expression: '0 9 * * *', timeZone: 'Mars/Olympus_Mons' })).toEqual([
      'timeZone: unknown time zone "Mars/Olympus_Mons": use an IANA name such as "Europe/Berlin", "America/New_York" or "UTC"',
    ]);
    expect(problems({ kind: 'at', at: '2026-03-08T09:00:00' })).toEqual([expect.stringMatching(/^at: must be an ISO 8601 time with a UTC offset/)]);
    expect(problems({ kind: 'at', at: 'tomorrow' })[0]).toMatch(/^at: /);
    expect(problems({ kind: 'interval', everyMs: 10 })).toEqual(['everyMs: must be at least 1000 ms (1 second)']);
    expect(problems({ kind: 'interval', everyMs: 400 * 86_400_000 })[0]).toMatch(/^everyMs: must be at most .*366 days/);
    expect(problems({ kind: 'interval', everyMs: 1.5e3 + 0.5 })[0]).toMatch(/^everyMs: must be a whole number/);
    expect(problems({ kind: 'weekly' })[0]).toMatch(/^kind: /);
  });

  it('accepts nicknames, defaults the time zone to UTC', () => {
    expect(ScheduleSchema.parse({ kind: 'cron', expression: '@daily' })).toEqual({ kind: 'cron', expression: '@daily', timeZone: 'UTC' });
  });
});
