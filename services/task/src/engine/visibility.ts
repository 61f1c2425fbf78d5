import type { ActionCall } from '@downcity/core';
import type { TaskEntry } from '../tasks/task-entry.js';

/**
 * Whether a caller may see and manage a task. Services and the host see every task. The model
 * (a tool call) sees only tasks owned by the principal it acts for, so one chat user can never
 * list, run or delete another user's tasks; without a principal it sees only ownerless tasks.
 */
export function canSee(task: TaskEntry, call: Pick<ActionCall, 'caller' | 'principal'>): boolean {
  if (call.caller !== 'model') return true;
  return (task.owner?.id ?? null) === (call.principal?.id ?? null);
}
