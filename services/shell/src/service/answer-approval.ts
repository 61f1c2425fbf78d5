import { DowncityError, toolNameOf, type ActionCall, type JsonObject, type JsonValue } from '@downcity/core';
import type { ApprovalAnswer, ApprovalAnswerInput } from '../actions/approval-answer.js';
import type { PendingApproval } from './approval-store.js';
import { toJson } from './audit-log.js';
import { displayCommand } from './display-command.js';
import { auditBase, executeCommand } from './execute-command.js';
import { formatRanReply } from './format-ran-reply.js';
import type { CommandRequest, ShellRuntime } from './shell-runtime.js';

/** The approval id in the input: `id`, else the first word of the command arguments (`/approve 3f9a1c20`). */
const idOf = (input: ApprovalAnswerInput): string => (input.id ?? input.args ?? '').trim().split(/\s+/)[0] ?? '';

/**
 * Whether the caller may answer: the principal who asked, in the same session, or the host app
 * itself (`caller: "agent"` without a principal). The model never may: these actions are no tools.
 */
function mayAnswer(approval: PendingApproval, input: ApprovalAnswerInput, call: ActionCall): boolean {
  if (call.caller === 'agent' && call.principal === undefined) return true;
  if (call.caller === 'model' || approval.principal === undefined) return false;
  return call.principal?.id === approval.principal.id && (call.sessionId ?? input.sessionId) === approval.sessionId;
}

function requestOf(approval: PendingApproval, signal: AbortSignal): CommandRequest {
  return {
    kind: approval.kind,
    argv: approval.argv,
    ...(approval.command === undefined ? {} : { command: approval.command }),
    cwd: approval.cwd,
    ...(approval.timeoutMs === undefined ? {} : { timeoutMs: approval.timeoutMs }),
    sessionId: approval.sessionId,
    ...(approval.principal ? { principal: approval.principal } : {}),
    caller: approval.requestedBy,
    signal,
  };
}

/**
 * Adds the answered command to the session as a tool call and its result, so the model's next
 * turn sees what happened. Output stays in a tool result, never in a user or assistant text.
 */
async function recordInSession(runtime: ShellRuntime, approval: PendingApproval, outcome: JsonValue): Promise<void> {
  const { session, logger } = runtime.context;
  try {
    if (!(await session.get(approval.sessionId))) return;
    const toolName = toolNameOf(approval.kind === 'exec' ? 'shell/exec' : 'shell/session-run');
    const toolCallId = `shell-approval-${approval.id}`;
    const input: JsonObject = approval.kind === 'exec' ? { argv: approval.argv, cwd: approval.cwd } : { command: approval.command ?? '' };
    const metadata = { source: 'shell/approval', approvalId: approval.id };
    await session.append(approval.sessionId, [
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId, toolName, input }], metadata },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output: { type: 'json', value: outcome } }], metadata },
    ]);
  } catch (error) {
    logger.warn({ err: error, approvalId: approval.id }, 'could not add the approved command\'s result to the session');
  }
}

/**
 * Answers a pending approval: `/approve <id>` runs the command and replies with its output;
 * `/deny <id>` refuses it. Only the principal who asked, in the same session, may answer.
 * Either way the outcome is audited and added to the session for the model's next turn.
 *
 * @param runtime - the shell service runtime
 * @param input - the approval id (or the command arguments carrying it)
 * @param call - who answers
 * @param approve - approve or deny
 */
export async function answerApproval(runtime: ShellRuntime, input: ApprovalAnswerInput, call: ActionCall, approve: boolean): Promise<ApprovalAnswer> {
  const verb = approve ? 'approve' : 'deny';
  const id = idOf(input);
  if (id === '') return { status: 'not-found', reply: `Which command? Reply /${verb} <id> with the id from the request.` };
  const approval = await runtime.approvals.get(id);
  const gone: ApprovalAnswer = { status: 'not-found', reply: `No command is waiting for approval with id ${id}: it was already answered, or it expired.` };
  if (!approval) return gone;
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
    const reason = `The user (${answeredBy}) denied it.`;
    const record = await runtime.audit.record({ ...base, reason, outcome: 'denied', deniedBy: 'user' });
    await recordInSession(runtime, approval, { status: 'denied', reason, deniedBy: 'user', auditId: record.id });
    return { status: 'denied', reply: `Denied: \`${shown}\` will not run.` };
  }
  try {
    const result = await executeCommand(runtime, requestOf(approval, call.signal), { evaluation: approval, approvalId: id, approvedBy: answeredBy });
    await recordInSession(runtime, approval, toJson(result));
    return { status: 'ran', reply: formatRanReply(shown, result), result };
  } catch (error) {
    if (!DowncityError.is(error)) throw error;
    await recordInSession(runtime, approval, { status: 'failed', error: error.message });
    return { status: 'failed', reply: `Could not run \`${shown}\`: ${error.message}` };
  }
}
