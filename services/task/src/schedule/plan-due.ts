import { fireAfter, latestFire } from './next-fire.js';
import type { Schedule } from './schedule-schema.js';

/** What the scheduler should do for one task at one moment. */
export interface DuePlan {
  /** The slot to run now, if any, and whether it is on time or a catch-up for downtime. */
  run?: { slot: number; trigger: 'schedule' | 'catch-up' };
  /** Whether due slots were dropped (missed while down, or folded into the one run). */
  dropped: boolean;
  /** The next slot to wait for, or `undefined` when the schedule is finished. */
  next: number | undefined;
}

/** Inputs of {@link planDue}. */
export interface PlanDueOptions {
  /** The task's schedule. */
  schedule: Schedule;
  /** The slot the scheduler was waiting for, or `undefined` when finished. */
  nextFireAt: number | undefined;
  /** The current time. */
  now: number;
  /** How late a slot may be and still count as on time. */
  lateToleranceMs: number;
  /** What to do with slots that passed while the agent was down. */
  missed: 'run-once' | 'skip';
}

/**
 * Decides which slot runs now. The latest due slot runs when it is on time (at most
 * `lateToleranceMs` late); older slots are missed: `run-once` runs the latest of them once as a
 * catch-up, `skip` runs none. Never more than one run per call, so downtime cannot cause a burst.
 */
export function planDue(options: PlanDueOptions): DuePlan {
  const { schedule, nextFireAt, now } = options;
  if (nextFireAt === undefined || nextFireAt > now) return { dropped: false, next: nextFireAt };
  const latest = latestFire(schedule, nextFireAt, now);
  const next = fireAfter(schedule, latest);
  const earlier = latest > nextFireAt;
  if (now - latest <= options.lateToleranceMs) return { run: { slot: latest, trigger: 'schedule' }, dropped: earlier, next };
  if (options.missed === 'run-once') return { run: { slot: latest, trigger: 'catch-up' }, dropped: earlier, next };
  return { dropped: true, next };
}
