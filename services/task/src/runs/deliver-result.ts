import { DowncityError, ErrorCodes } from '@downcity/core';
import type { z } from 'zod';
import type { TaskEntry } from '../tasks/task-entry.js';
import { invokeByName } from './invoke-by-name.js';
import type { RunDependencies } from './run-dependencies.js';
import { RunErrorCodes, toRunError } from './run-error.js';
import { iso } from './run-ids.js';
import type { DeliverySchema, RunRecord } from './run-record.js';

/** The chat service action results are sent with. */
export const DELIVERY_ACTION = 'chat/send';

type Delivery = z.output<typeof DeliverySchema>;

/** The text to send for a final run, or `undefined` when nothing should be sent. */
export function deliveryText(task: TaskEntry, record: RunRecord): string | undefined {
  const deliver = task.spec.deliver;
  if (deliver === 'none') return undefined;
  const name = task.spec.name ?? task.spec.id;
  if (record.status === 'succeeded') return record.output ? record.output : undefined;
  if (!deliver.onFailure) return undefined;
  if (record.status === 'timed_out') return `Task "${name}" timed out: ${record.error?.message ?? 'no result in time'}`;
  if (record.status === 'failed') return `Task "${name}" failed: ${record.error?.message ?? 'unknown error'}`;
  return undefined;
}

/**
 * Sends a final run's result through `chat/send` to the task's `deliver` destination. Never
 * throws: a failure (for instance no chat service installed) is returned and recorded on the run.
 */
export async function deliverResult(deps: RunDependencies, task: TaskEntry, record: RunRecord, text: string): Promise<Delivery> {
  const deliver = task.spec.deliver;
  const now = iso(deps.clock.now());
  if (deliver === 'none') return { status: 'skipped', at: now };
  const destination = 'sessionId' in deliver ? { sessionId: deliver.sessionId } : { target: deliver.target };
  try {
    await invokeByName(deps.context.invoke)(DELIVERY_ACTION, { ...destination, text }, {
      sessionId: record.sessionId,
      signal: deps.context.signal,
      ...(record.principal ? { principal: record.principal } : {}),
    });
    return { status: 'delivered', at: iso(deps.clock.now()) };
  } catch (error) {
    const missing = DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN);
    const failure = missing
      ? {
          code: RunErrorCodes.DELIVERY_FAILED,
          message: `Cannot deliver: no service provides "${DELIVERY_ACTION}". Install and enable @downcity/chat, or set the task's deliver to "none".`,
        }
      : toRunError(error, RunErrorCodes.DELIVERY_FAILED);
    deps.context.logger.warn({ taskId: task.spec.id, runId: record.id, code: failure.code }, `task result not delivered: ${failure.message}`);
    return { status: 'failed', at: iso(deps.clock.now()), error: failure };
  }
}
