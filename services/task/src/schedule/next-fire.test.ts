import { describe, expect, it } from 'vitest';
import { fireAfter, firstFire, latestFire } from './next-fire.js';
import { ScheduleSchema, type ScheduleInput } from './schedule-schema.js';

const schedule = (input: ScheduleInput) => ScheduleSchema.parse(input);
const at = (time: string) => Date.parse(time);
const iso = (time: number | undefined) => (time === undefined ? undefined : new Date(time).toISOString());

/** The first `count` fire times after `from`. */
function fires(input: ScheduleInput, from: string, count: number): string[] {
  const parsed = schedule(input);
  const times: string[] = [];
  let slot = firstFire(parsed, at(from));
  while (slot !== undefined && times.length < count) {
    times.push(new Date(slot).toISOString());
    slot = fireAfter(parsed, slot);
  }
  return times;
}

describe('cron fire times across DST changes', () => {
  it('America/New_York spring forward (2026-03-08): 02:00 does not exist and runs at 03:00 EDT, once', () => {
    expect(fires({ kind: 'cron', expression: '0 2 * * *', timeZone: 'America/New_York' }, '2026-03-06T12:00:00Z', 4)).toEqual([
      '2026-03-07T07:00:00.000Z', // 02:00 EST (UTC-5)
      '2026-03-08T07:00:00.000Z', // gap: 03:00 EDT, the first valid time after it
      '2026-03-09T06:00:00.000Z', // 02:00 EDT (UTC-4)
      '2026-03-10T06:00:00.000Z',
    ]);
  });

  it('America/New_York spring forward: 01:30 exists and keeps its wall time', () => {
    expect(fires({ kind: 'cron', expression: '30 1 * * *', timeZone: 'America/New_York' }, '2026-03-06T12:00:00Z', 3)).toEqual([
      '2026-03-07T06:30:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-09T05:30:00.000Z',
    ]);
  });

  it('America/New_York fall back (2026-11-01): 01:30 happens twice and runs once, at the first (EDT) one', () => {
    expect(fires({ kind: 'cron', expression: '30 1 * * *', timeZone: 'America/New_York' }, '2026-10-30T12:00:00Z', 3)).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; the repeated 01:30 EST (06:30Z) does not run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('America/New_York fall back: 02:00 happens once and shifts by the offset change', () => {
    expect(fires({ kind: 'cron', expression: '0 2 * * *', timeZone: 'America/New_York' }, '2026-10-30T12:00:00Z', 3)).toEqual([
      '2026-10-31T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-02T07:00:00.000Z',
    ]);
  });

  it('an hourly pattern runs in both copies of the repeated hour and skips the missing one', () => {
    expect(fires({ kind: 'cron', expression: '0 * * * *', timeZone: 'America/New_York' }, '2026-11-01T04:10:00Z', 4)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T08:00:00.000Z',
    ]);
    expect(fires({ kind: 'cron', expression: '0 * * * *', timeZone: 'America/New_York' }, '2026-03-08T06:10:00Z', 2)).toEqual([
      '2026-03-08T07:00:00.000Z', // 03:00 EDT; 02:00 does not exist
      '2026-03-08T08:00:00.000Z',
    ]);
  });

  it('Europe/Berlin spring forward (2026-03-29) and fall back (2026-10-25) for 02:30', () => {
    expect(fires({ kind: 'cron', expression: '30 2 * * *', timeZone: 'Europe/Berlin' }, '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET (UTC+1)
      '2026-03-29T01:00:00.000Z', // gap: 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST (UTC+2)
    ]);
    expect(fires({ kind: 'cron', expression: '30 2 * * *', timeZone: 'Europe/Berlin' }, '2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // first 02:30 (CEST), once
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('reads weekday and time in the zone, not in UTC', () => {
    // 09:00 on weekdays in Tokyo (UTC+9) is 00:00 UTC the same day.
    expect(fires({ kind: 'cron', expression: '0 9 * * 1-5', timeZone: 'Asia/Tokyo' }, '2026-01-09T01:00:00Z', 2)).toEqual(['2026-01-12T00:00:00.000Z', '2026-01-13T00:00:00.000Z']);
  });
});

describe('other schedules', () => {
  it('at fires once when ahead, never when passed', () => {
    const once = schedule({ kind: 'at', at: '2026-05-01T10:00:00+02:00' });
    expect(iso(firstFire(once, at('2026-04-01T00:00:00Z')))).toBe('2026-05-01T08:00:00.000Z');
    expect(fireAfter(once, at('2026-05-01T08:00:00Z'))).toBeUndefined();
    expect(firstFire(once, at('2026-06-01T00:00:00Z'))).toBeUndefined();
  });

  it('interval counts from when it is first scheduled; manual never fires', () => {
    const every = schedule({ kind: 'interval', everyMs: 90_000 });
    expect(iso(firstFire(every, at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T00:01:30.000Z');
    expect(firstFire(schedule({ kind: 'manual' }), 0)).toBeUndefined();
  });

  it('latestFire jumps over long downtime in one step', () => {
    const minutely = schedule({ kind: 'cron', expression: '* * * * *', timeZone: 'UTC' });
    expect(iso(latestFire(minutely, at('2026-01-01T00:00:00Z'), at('2026-02-01T12:34:56Z')))).toBe('2026-02-01T12:34:00.000Z');
    const every = schedule({ kind: 'interval', everyMs: 60_000 });
    expect(iso(latestFire(every, at('2026-01-01T00:00:30Z'), at('2026-01-01T01:00:00Z')))).toBe('2026-01-01T00:59:30.000Z');
  });
});
