import { displayText } from '@downcity/core';
import type { CommandResult } from '../actions/command-result.js';
import type { PolicyEvaluation } from '../policy/policy.js';
import { MAX_SHOWN_COMMAND_LENGTH } from './display-command.js';
import { auditBase } from './execute-command.js';
import { expireApprovals } from './expire-approvals.js';
import { requesterOf, type CommandRequest, type ShellRuntime } from './shell-runtime.js';

/**
 * Records a denial and returns it as the caller sees it.
 *
 * @param runtime - the shell service runtime
 * @param input - the request, the policy verdict, who denied it and why
 */
export async function denyCommand(
  runtime: ShellRuntime,
  input: { request: CommandRequest; evaluation: Pick<PolicyEvaluation, 'decision' | 'reason'>; deniedBy: 'policy' | 'mode' | 'guard' | 'no-approver'; reason: string },
): Promise<CommandResult> {
  const record = await runtime.audit.record({ ...auditBase(input.request, input.evaluation), reason: input.reason, outcome: 'denied', deniedBy: input.deniedBy });
  return { status: 'denied', reason: input.reason, deniedBy: input.deniedBy, auditId: record.id };
}

/**
 * The command exactly as it would run, for the person approving it: the shell line as written, or
 * the argv with each argument that needs it single-quoted. Nothing is shortened or summarised (an
 * unanalyzable command is shown raw, so the approver judges what really runs), and every control,
 * bidirectional and zero-width character is made visible with `displayText` so the text cannot
 * pretend to be another command.
 *
 * @param request - the command request
 */
export function approvalCommandText(request: Pick<CommandRequest, 'command' | 'argv'>): string {
  const raw = request.command ?? request.argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
  return displayText(raw);
}

/** Wraps text in a Markdown code span whose fence is longer than any run of backticks inside it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  if (longest === 0) return `\`${text}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

/**
 * Asks the chat user to approve a command: stores a pending approval, sends
 * "The assistant wants to run `…` — reply /approve <id> or /deny <id>" into the session through
 * `chat/send`, and returns `pending` to the caller. When nobody can be asked (no session, chat
 * not installed, too many pending, a command too long to show), the command is denied instead.
 *
 * @param runtime - the shell service runtime
 * @param request - the command request
 * @param evaluation - the policy's `ask` verdict
 */
export async function askApproval(runtime: ShellRuntime, request: CommandRequest, evaluation: PolicyEvaluation): Promise<CommandResult> {
  const { config, approvals } = runtime;
  const deny = (why: string): Promise<CommandResult> =>
    denyCommand(runtime, { request, evaluation, deniedBy: 'no-approver', reason: `${evaluation.reason} It was not run: ${why}.` });
  const sessionId = request.sessionId;
  if (sessionId === undefined) return deny('it was not requested from a chat session, so there is nobody to ask for approval');
  const shown = approvalCommandText(request);
  if (shown.length > MAX_SHOWN_COMMAND_LENGTH) {
    return deny(`it is ${shown.length} characters long, too long to show the user in full for approval (limit ${MAX_SHOWN_COMMAND_LENGTH})`);
  }
  await expireApprovals(runtime);
  if ((await approvals.count()) >= config.approval.maxPending) {
    return deny(`${config.approval.maxPending} commands are already waiting for approval; the user must answer those first`);
  }
  const now = Date.now();
  const approval = await approvals.add({
    kind: request.kind,
    argv: request.argv,
    ...(request.command === undefined ? {} : { command: request.command }),
    cwd: request.cwd,
    ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
    sessionId,
    requestedBy: requesterOf(request),
    ...(request.principal ? { principal: request.principal } : {}),
    decision: evaluation.decision,
    reason: evaluation.reason,
    createdAt: now,
    expiresAt: now + config.approval.expiresMs,
  });
  const where = request.kind === 'exec' && request.cwd !== '.' ? ` in ${displayText(request.cwd)}` : '';
  const minutes = Math.max(1, Math.round(config.approval.expiresMs / 60_000));
  try {
    await runtime.chat.send(
      sessionId,
      `The assistant wants to run ${codeSpan(shown)}${where} — reply /approve ${approval.id} or /deny ${approval.id} (expires in ${minutes} min).`,
    );
  } catch (error) {
    await approvals.claim(approval.id);
    return deny((error as Error).message);
  }
  const record = await runtime.audit.record({ ...auditBase(request, evaluation), outcome: 'pending', approvalId: approval.id });
  return {
    status: 'pending',
    approvalId: approval.id,
    reason: evaluation.reason,
    message: `It has NOT run yet. The user was asked to reply /approve ${approval.id} or /deny ${approval.id}; the result will appear in this conversation once they answer. Do not ask again.`,
    expiresAt: new Date(approval.expiresAt).toISOString(),
    auditId: record.id,
  };
}
