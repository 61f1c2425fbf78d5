import { DowncityError, ErrorCodes } from '@downcity/core';
import type { PendingReply } from './finish-inbound.js';
import type { InboundJob } from './inbound-job.js';

/**
 * Asks the agent whether the sender is within its daily usage budget (`usage.budgets`), before its message is
 * stored and the model is called. Past the budget: the refusal reply to store, ending the entry `denied` like a
 * `chat/authorize` denial (nothing stored in the session, never retried). Within it: `undefined`.
 */
export async function budgetRefusal(job: InboundJob): Promise<PendingReply | undefined> {
  const verdict = await job.runtime.context.invoke('agent/budget', { principalId: job.principal.id });
  if (verdict.allowed) return undefined;
  job.runtime.context.logger.info({ inboxId: job.id, principalId: job.principal.id, reason: verdict.reason }, 'turn refused: daily usage budget reached');
  return { text: verdict.reply ?? '', kind: 'notice', outcome: 'denied', error: { code: ErrorCodes.BUDGET_EXCEEDED, message: verdict.reason ?? 'daily usage budget reached' } };
}

/**
 * The reply for a turn the core refused with `BUDGET_EXCEEDED` (the budget ran out between the chat service's
 * check and the turn, e.g. by a concurrent turn of the same principal): the refusal itself, not the error notice.
 */
export function budgetErrorReply(error: unknown): PendingReply | undefined {
  if (!DowncityError.is(error, ErrorCodes.BUDGET_EXCEEDED)) return undefined;
  return { text: error.message, kind: 'notice', outcome: 'denied', error: { code: ErrorCodes.BUDGET_EXCEEDED, message: error.message } };
}
