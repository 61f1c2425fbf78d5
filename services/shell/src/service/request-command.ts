import type { CommandResult } from '../actions/command-result.js';
import { askApproval, denyCommand } from './ask-approval.js';
import { checkCommand } from './check-command.js';
import { executeCommand } from './execute-command.js';
import type { CommandRequest, ShellRuntime } from './shell-runtime.js';

/**
 * The exec flow: approval mode and policy (argv unwrapped) → `shell/before-exec` guards →
 * the user's approval when the policy says `ask` → the sandboxed run → audit record →
 * `shell/after-exec`. Every request is audited, including denials and pending approvals.
 *
 * @param runtime - the shell service runtime
 * @param request - the validated request
 * @returns what the caller (usually the model) sees
 * @throws DowncityError when an allowed command cannot be started (e.g. bubblewrap missing); audited as failed
 */
export async function requestCommand(runtime: ShellRuntime, request: CommandRequest): Promise<CommandResult> {
  const check = await checkCommand(runtime, request);
  if (check.verdict === 'deny') {
    return denyCommand(runtime, { request, evaluation: check.evaluation, deniedBy: check.deniedBy, reason: check.reason });
  }
  if (check.verdict === 'ask') return askApproval(runtime, request, check.evaluation);
  return executeCommand(runtime, request, { evaluation: check.evaluation });
}
