import { auditBase } from './execute-command.js';
import type { ShellRuntime } from './shell-runtime.js';

/**
 * Removes every pending approval past its expiry and audits each as denied (`expired`).
 *
 * @param runtime - the shell service runtime
 * @param now - the current time, epoch milliseconds
 * @returns how many expired
 */
export async function expireApprovals(runtime: ShellRuntime, now = Date.now()): Promise<number> {
  let expired = 0;
  for (const approval of await runtime.approvals.list()) {
    if (approval.expiresAt > now || !(await runtime.approvals.claim(approval.id))) continue;
    expired += 1;
    await runtime.audit.record({
      ...auditBase({ ...approval, caller: approval.requestedBy }, approval),
      principal: approval.requestedBy,
      reason: 'Nobody approved it before the request expired.',
      outcome: 'denied',
      deniedBy: 'expired',
      approvalId: approval.id,
    });
  }
  return expired;
}
