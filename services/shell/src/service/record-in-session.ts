import { toolNameOf, type JsonObject, type JsonValue } from '@downcity/core';
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
    logger.warn({ err: error, approvalId: approval.id }, 'could not add the outcome of a pending command to the session');
  }
}
