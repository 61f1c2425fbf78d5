import { describe, expect, it } from 'vitest';
import { planDue } from './plan-due.js';
import { ScheduleSchema } from './schedule-schema.js';

const hourly = ScheduleSchema.parse({ kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' });
const t = (time: string) => Date.parse(time);
const base = { schedule: hourly, lateToleranceMs: 60_000 };

describe('planDue', () => {
  it('waits when the next slot is ahead', () => {
    expect(planDue({ ...base, missed: 'run-once', nextFireAt: t('2026-01-01T10:00:00Z'), now: t('2026-01-01T09:30:00Z') })).toEqual({ dropped: false, next: t('2026-01-01T10:00:00Z') });
  });

  it('runs a slot that is due and on time, and moves to the next one', () => {
    expect(planDue({ ...base, missed: 'skip', nextFireAt: t('2026-01-01T10:00:00Z'), now: t('2026-01-01T10:00:30Z') })).toEqual({
      run: { slot: t('2026-01-01T10:00:00Z'), trigger: 'schedule' },
      dropped: false,
      next: t('2026-01-01T11:00:00Z'),
    });
  });

  it('run-once: after downtime, runs only the latest missed slot, as a catch-up', () => {
    expect(planDue({ ...base, missed: 'run-once', nextFireAt: t('2026-01-01T10:00:00Z'), now: t('2026-01-01T14:30:00Z') })).toEqual({
      run: { slot: t('2026-01-01T14:00:00Z'), trigger: 'catch-up' },
      dropped: true,
      next: t('2026-01-01T15:00:00Z'),
    });
  });

  it('skip: after downtime, runs nothing and waits for the next slot', () => {
    expect(planDue({ ...base, missed: 'skip', nextFireAt: t('2026-01-01T10:00:00Z'), now: t('2026-01-01T14:30:00Z') })).toEqual({ dropped: true, next: t('2026-01-01T15:00:00Z') });
  });

  it('a restart just after a slot still runs it on time, even under skip', () => {
    expect(planDue({ ...base, missed: 'skip', nextFireAt: t('2026-01-01T10:00:00Z'), now: t('2026-01-01T14:00:20Z') })).toEqual({
      run: { slot: t('2026-01-01T14:00:00Z'), trigger: 'schedule' },
      dropped: true,
      next: t('2026-01-01T15:00:00Z'),
    });
  });

  it('a finished schedule stays finished', () => {
    expect(planDue({ ...base, missed: 'run-once', nextFireAt: undefined, now: 0 })).toEqual({ dropped: false, next: undefined });
  });
});
