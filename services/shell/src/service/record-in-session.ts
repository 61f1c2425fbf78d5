import { recordToolOutcome, type JsonValue } from '@downcity/core';
import type { PendingApproval } from './approval-store.js';
import type { ShellRuntime } from './shell-runtime.js';

/**
 * Adds what became of a pending command to its session as a tool call and its result, so the
 * model's next turn sees what happened. Output stays in a tool result, never in a user or assistant
 * text. Failures are logged, never thrown.
 *
 * @param runtime - the shell service runtime
 * @param approval - the approval the outcome belongs to
 * @param outcome - the tool result value (a command result, or a denial)
 */
export async function recordInSession(runtime: ShellRuntime, approval: PendingApproval, outcome: JsonValue): Promise<void> {
  const { session, logger } = runtime.context;
  await recordToolOutcome(session, logger, {
    sessionId: approval.sessionId,
    action: approval.kind === 'exec' ? 'shell/exec' : 'shell/session-run',
    toolCallId: `shell-approval-${approval.id}`,
    input: approval.kind === 'exec' ? { argv: approval.argv, cwd: approval.cwd } : { command: approval.command ?? '' },
    outcome,
    metadata: { source: 'shell/approval', approvalId: approval.id },
  });
}
