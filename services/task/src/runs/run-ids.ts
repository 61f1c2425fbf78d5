import { randomBytes } from 'node:crypto';

/** The id of a scheduled run: `<taskId>:<slot ISO>`. The slot is the idempotency key, so a slot runs at most once. */
export function scheduledRunId(taskId: string, slot: number): string {
  return `${taskId}:${new Date(slot).toISOString()}`;
}

/** The id of a manual run: `<taskId>:manual-<ISO>-<random hex>`. */
export function manualRunId(taskId: string, now: number): string {
  return `${taskId}:manual-${new Date(now).toISOString()}-${randomBytes(3).toString('hex')}`;
}

/** The session a run executes in: `task:<runId>` (= `task:<taskId>:<slot>`) when fresh, `task:<taskId>` when continuing. */
export function runSessionId(options: { taskId: string; runId: string; history: 'fresh' | 'continue' }): string {
  return options.history === 'continue' ? `task:${options.taskId}` : `task:${options.runId}`;
}

/** Epoch milliseconds as an ISO string. */
export const iso = (epoch: number): string => new Date(epoch).toISOString();
