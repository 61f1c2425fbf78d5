import { resolve } from 'node:path';
import { evaluatePolicy, evaluateShellLine, type PolicyEvaluation } from '../policy/policy.js';
import type { CommandRequest, ShellRuntime } from './shell-runtime.js';
import './points.js';

/** What the checks decided about a request. */
export type CommandCheck =
  | { verdict: 'run' | 'ask'; evaluation: PolicyEvaluation }
  | { verdict: 'deny'; evaluation: PolicyEvaluation; deniedBy: 'policy' | 'mode' | 'guard'; reason: string };

/**
 * Checks a request in order: the approval mode, the policy (on every program the argv runs,
 * after unwrapping wrappers; a session line as a line of the already-running shell), then the
 * `shell/before-exec` guards. A command the policy marks `ask` comes back as `ask` only in
 * approval mode `ask`.
 *
 * @param runtime - the shell service runtime
 * @param request - the command request
 */
export async function checkCommand(runtime: ShellRuntime, request: CommandRequest): Promise<CommandCheck> {
  const { config } = runtime;
  const evaluation =
    request.kind === 'session' && request.command !== undefined
      ? await evaluateShellLine(request.command, runtime.policy)
      : await evaluatePolicy(request.argv, runtime.policy);
  if (config.approval.mode === 'deny') {
    return { verdict: 'deny', evaluation, deniedBy: 'mode', reason: 'Shell commands are turned off on this agent (services.shell.approval.mode is "deny").' };
  }
  if (evaluation.decision === 'deny') return { verdict: 'deny', evaluation, deniedBy: 'policy', reason: evaluation.reason };
  if (evaluation.decision === 'ask' && config.approval.mode === 'allowlist') {
    const reason = `${evaluation.reason} Only allowed commands run on this agent (services.shell.approval.mode is "allowlist"), so it was not run.`;
    return { verdict: 'deny', evaluation, deniedBy: 'mode', reason };
  }
  const verdict = await runtime.context.plugins.guard('shell/before-exec', {
    kind: request.kind,
    argv: request.argv,
    cwd: resolve(runtime.workspaces.pathOf(runtime.workspaces.keyOf(request)), request.cwd),
    ...(request.principal ? { principal: request.principal } : {}),
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    decision: evaluation.decision,
    reason: evaluation.reason,
    programs: [...new Set(evaluation.invocations.map((invocation) => invocation.program))],
  });
  if (!verdict.allow) {
    const by = verdict.by ? ` by ${verdict.by}` : '';
    return { verdict: 'deny', evaluation, deniedBy: 'guard', reason: `Blocked${by}: ${verdict.reason}` };
  }
  return { verdict: evaluation.decision === 'ask' ? 'ask' : 'run', evaluation };
}
