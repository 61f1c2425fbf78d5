import { DowncityError, type ActionCall } from '@downcity/core';
import type { ApprovalAnswer, ApprovalAnswerInput } from '../actions/approval-answer.js';
import type { PendingApproval } from './approval-store.js';
import { toJson } from './audit-log.js';
import { recheckApproval, recordCancelled, requestOfApproval } from './cancel-approval.js';
import { displayCommand } from './display-command.js';
import { codeSpan } from './ask-approval.js';
import { auditBase, executeCommand } from './execute-command.js';
import { formatRanReply, ranStatus } from './format-ran-reply.js';
import { recordInSession } from './record-in-session.js';
import type { ShellRuntime } from './shell-runtime.js';

/** The approval id in the input: `id`, else the first word of the command arguments (`/approve 3f9a1c20`). */
const idOf = (input: ApprovalAnswerInput): string => (input.id ?? input.args ?? '').trim().split(/\s+/)[0] ?? '';

/**
 * Whether the call comes from the operator: made on nobody's behalf (no principal) by the host app, the CLI or
 * a package such as the console, never by the model (decision 0016).
 */
function isOperator(call: ActionCall): boolean {
  return call.principal === undefined && call.caller !== 'model';
}

/**
 * Whether the caller may answer: the principal who asked, in the same session, or the operator. The model
 * never may (`caller: "model"`, with or without a principal): these actions are no tools either.
 */
function mayAnswer(approval: PendingApproval, input: ApprovalAnswerInput, call: ActionCall): boolean {
  if (call.caller === 'model') return false;
  if (isOperator(call)) return true;
  if (approval.principal === undefined) return false;
  return call.principal?.id === approval.principal.id && (call.sessionId ?? input.sessionId) === approval.sessionId;
}

/**
 * What the conversation that asked is told when the operator answered: the decision and, for a command that ran,
 * how it ended, never its output (`chat/send` stores the text as an assistant message, and command output stays
 * in the tool result the model's next turn reads).
 */
function operatorNotice(shown: string, by: string, answer: ApprovalAnswer): string {
  if (answer.status === 'ran' && answer.result) {
    return `${by} approved ${codeSpan(shown)}: it ${ranStatus(answer.result)}. I can see its output; ask me about it.`;
  }
  if (answer.status === 'denied') return `${by} denied ${codeSpan(shown)}: it will not run.`;
  return answer.reply;
}

/**
 * Tells the conversation that asked what the operator decided: the requester answering with `/approve` gets the
 * reply to their command, but an answer from outside the conversation (the console) would otherwise go unseen.
 * Logs, never throws: the command has been answered either way.
 */
async function tellConversation(runtime: ShellRuntime, approval: PendingApproval, call: ActionCall, answer: ApprovalAnswer): Promise<ApprovalAnswer> {
  if (!isOperator(call)) return answer;
  try {
    await runtime.chat.send(approval.sessionId, operatorNotice(displayCommand(approval), `The operator (${call.caller})`, answer));
  } catch (error) {
    runtime.context.logger.warn({ err: error, approvalId: approval.id }, 'could not tell the conversation that the operator answered its pending command');
  }
  return answer;
}

/**
 * Answers a pending approval: `/approve <id>` runs the command and replies with its output;
 * `/deny <id>` refuses it. Only the principal who asked, in the same session, or the operator (a call without a
 * principal from the host app, the CLI or a package such as the console) may answer; when the operator answers,
 * the outcome is also sent into the conversation that asked. Before
 * an approved command runs, the checks run again for the principal who asked: one whose access was
 * revoked meanwhile gets `cancelled`, and nothing runs. Either way the outcome is audited and added
 * to the session for the model's next turn. An id that is not the shell's (none given, or no pending command has it)
 * answers `handled: false`, so the `/approve` chat command can ask the next service that registered it.
 *
 * @param runtime - the shell service runtime
 * @param input - the approval id (or the command arguments carrying it)
 * @param call - who answers
 * @param approve - approve or deny
 */
export async function answerApproval(runtime: ShellRuntime, input: ApprovalAnswerInput, call: ActionCall, approve: boolean): Promise<ApprovalAnswer> {
  const verb = approve ? 'approve' : 'deny';
  const id = idOf(input);
  if (id === '') return { status: 'not-found', reply: `Which command? Reply /${verb} <id> with the id from the request.`, handled: false };
  const approval = await runtime.approvals.get(id);
  const gone: ApprovalAnswer = { status: 'not-found', reply: `No command is waiting for approval with id ${id}: it was already answered, cancelled, or it expired.` };
  if (!approval) return { ...gone, handled: false };
  if (!mayAnswer(approval, input, call)) {
    return { status: 'forbidden', reply: 'Only the person who asked for this command, in the same conversation, can approve or deny it.' };
  }
  if (!(await runtime.approvals.claim(id))) return gone;
  const shown = displayCommand(approval);
  const answeredBy = call.principal?.id ?? call.caller;
  const base = { ...auditBase({ ...approval, caller: approval.requestedBy }, approval), principal: approval.requestedBy, approvalId: id };
  if (approval.expiresAt <= Date.now()) {
    await runtime.audit.record({ ...base, reason: 'Nobody approved it before the request expired.', outcome: 'denied', deniedBy: 'expired' });
    return { status: 'expired', reply: `The request to run \`${shown}\` expired, so it was not run. Ask the assistant again if you still want it.` };
  }
  if (!approve) {
    const reason = isOperator(call) ? `The operator (${answeredBy}) denied it.` : `The user (${answeredBy}) denied it.`;
    const record = await runtime.audit.record({ ...base, reason, outcome: 'denied', deniedBy: 'user' });
    await recordInSession(runtime, approval, { status: 'denied', reason, deniedBy: 'user', auditId: record.id });
    return tellConversation(runtime, approval, call, { status: 'denied', reply: `Denied: \`${shown}\` will not run.` });
  }
  const cancellation = await recheckApproval(runtime, approval, call.signal);
  if (cancellation) {
    await recordCancelled(runtime, approval, cancellation);
    return tellConversation(runtime, approval, call, { status: 'cancelled', reply: `\`${shown}\` will not run. ${cancellation.reason}` });
  }
  try {
    const result = await executeCommand(runtime, requestOfApproval(approval, call.signal), { evaluation: approval, approvalId: id, approvedBy: answeredBy });
    await recordInSession(runtime, approval, toJson(result));
    return tellConversation(runtime, approval, call, { status: 'ran', reply: formatRanReply(shown, result), result });
  } catch (error) {
    if (!DowncityError.is(error)) throw error;
    await recordInSession(runtime, approval, { status: 'failed', error: error.message });
    return tellConversation(runtime, approval, call, { status: 'failed', reply: `Could not run \`${shown}\`: ${error.message}` });
  }
}
