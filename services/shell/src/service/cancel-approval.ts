import type { AuditRecord } from '../audit/audit-record.js';
import type { PendingApproval } from './approval-store.js';
import { auditBase } from './execute-command.js';
import { checkCommand } from './check-command.js';
import { recordInSession } from './record-in-session.js';
import type { CommandRequest, ShellRuntime } from './shell-runtime.js';

/** Why a pending command is withdrawn, and by what. */
export interface Cancellation {
  /** What stopped it: the checks run again (`policy`, `mode`, `guard`), or `shell/cancel-pending` (`cancelled`). */
  deniedBy: 'policy' | 'mode' | 'guard' | 'cancelled';
  /** Why, stored in the audit record and shown to the user and the model. */
  reason: string;
}

/**
 * The request a pending approval stands for, as it was made.
 *
 * @param approval - the pending approval
 * @param signal - aborts what runs for it
 */
export function requestOfApproval(approval: PendingApproval, signal: AbortSignal): CommandRequest {
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
 * Runs the checks (approval mode, policy, `shell/before-exec` guards) again for a pending command,
 * on behalf of the principal who asked: between the request and the answer, that principal's
 * access may have been revoked.
 *
 * @param runtime - the shell service runtime
 * @param approval - the pending approval
 * @param signal - aborts the guards
 * @returns why it may no longer run, or `undefined` when it still may
 */
export async function recheckApproval(runtime: ShellRuntime, approval: PendingApproval, signal: AbortSignal): Promise<Cancellation | undefined> {
  const check = await checkCommand(runtime, requestOfApproval(approval, signal));
  if (check.verdict !== 'deny') return undefined;
  return { deniedBy: check.deniedBy, reason: `Cancelled before it ran: ${check.reason}` };
}

/**
 * Audits an approval that was already claimed as cancelled (outcome `denied`) and adds the denial to
 * its session, so the model's next turn knows the command will not run.
 *
 * @param runtime - the shell service runtime
 * @param approval - the claimed approval
 * @param cancellation - by what and why
 */
export async function recordCancelled(runtime: ShellRuntime, approval: PendingApproval, cancellation: Cancellation): Promise<AuditRecord> {
  const record = await runtime.audit.record({
    ...auditBase({ ...approval, caller: approval.requestedBy }, approval),
    principal: approval.requestedBy,
    approvalId: approval.id,
    reason: cancellation.reason,
    outcome: 'denied',
    deniedBy: cancellation.deniedBy,
  });
  await recordInSession(runtime, approval, { status: 'denied', reason: cancellation.reason, deniedBy: cancellation.deniedBy, auditId: record.id });
  return record;
}

/**
 * Withdraws a pending approval: removes it (so `/approve` finds nothing), audits it and tells its
 * session. Does nothing when someone answered or cancelled it first.
 *
 * @param runtime - the shell service runtime
 * @param approval - the pending approval
 * @param cancellation - by what and why
 * @returns whether this call cancelled it
 */
export async function cancelApproval(runtime: ShellRuntime, approval: PendingApproval, cancellation: Cancellation): Promise<boolean> {
  if (!(await runtime.approvals.claim(approval.id))) return false;
  await recordCancelled(runtime, approval, cancellation);
  return true;
}
