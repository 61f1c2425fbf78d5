import { formatTime } from '../format.js';
import type { TaskRow, TaskRunView } from '../types.js';

/** An ISO time as local date and time; `—` when absent. */
export function formatIso(iso: string | null | undefined): string {
  return iso ? formatTime(Date.parse(iso)) : '—';
}

const UNITS: [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/** Milliseconds as the largest whole unit: `every 5 minutes`, `every 90 seconds`. */
function every(ms: number): string {
  const [size, unit] = UNITS.find(([size]) => ms % size === 0) ?? [1, 'millisecond'];
  const count = ms / size;
  return count === 1 ? `every ${unit}` : `every ${count} ${unit}s`;
}

/** A task's schedule in words: `cron 30 8 * * 1-5 (Europe/Berlin)`, `every 5 minutes`, `once at …`, `manual`. */
export function describeSchedule(schedule: TaskRow['schedule']): string {
  switch (schedule.kind) {
    case 'cron':
      return `cron ${schedule.expression} (${schedule.timeZone})`;
    case 'interval':
      return every(schedule.everyMs);
    case 'at':
      return `once at ${formatIso(schedule.at)}`;
    case 'manual':
      return 'manual (only when run by hand)';
  }
}

/** Whether a run is still queued or running, so the page keeps polling. */
export function isLive(run: TaskRunView | null | undefined): boolean {
  return run?.status === 'queued' || run?.status === 'running';
}

/** Whether the task can be paused or resumed at all: it has a schedule and is enabled. */
export function hasSchedule(task: TaskRow): boolean {
  return task.enabled && task.schedule.kind !== 'manual';
}

/** The task's state in one word or phrase: disabled, paused (since when), or active. */
export function taskState(task: TaskRow): string {
  if (!task.enabled) return 'disabled';
  if (task.paused) return `paused since ${formatIso(task.paused.at)} by ${task.paused.by}`;
  return task.schedule.kind === 'manual' ? 'manual' : 'active';
}

/** The next run as text: its time, or why there is none. */
export function nextRun(task: TaskRow): string {
  if (task.paused) return '— (paused)';
  return task.nextRunAt ? formatIso(task.nextRunAt) : '—';
}

/** How long a run took, from its first start to its end; `—` while it has not finished. */
export function runDuration(run: TaskRunView): string {
  if (!run.startedAt || !run.finishedAt) return '—';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/** A CSS class for a run status: good, bad or muted. */
export function statusClass(status: TaskRunView['status']): string {
  if (status === 'succeeded') return 'good';
  if (status === 'failed' || status === 'timed_out' || status === 'denied') return 'bad';
  return 'muted';
}
