import { DowncityError, ErrorCodes, toDowncityError } from '@downcity/core';
import type { RanResult } from '../actions/command-result.js';
import type { AuditRecordInput } from '../audit/audit-record.js';
import type { PolicyEvaluation } from '../policy/policy.js';
import { execCommand } from '../sandbox/exec.js';
import type { ExecResult } from '../sandbox/run-process.js';
import { requesterOf, type CommandRequest, type ShellRuntime } from './shell-runtime.js';

/**
 * The audit fields every record of a request shares.
 *
 * @param request - the command request
 * @param evaluation - the policy's verdict
 */
export function auditBase(
  request: Pick<CommandRequest, 'sessionId' | 'principal' | 'caller' | 'kind' | 'argv' | 'cwd'>,
  evaluation: Pick<PolicyEvaluation, 'decision' | 'reason'>) {
  return {
    sessionId: request.sessionId ?? null,
    principal: requesterOf(request),
    kind: request.kind,
    argv: request.argv,
    cwd: request.cwd,
    decision: evaluation.decision,
    reason: evaluation.reason,
    exitCode: null,
    durationMs: 0,
    timedOut: false,
    truncated: false,
  } satisfies Partial<AuditRecordInput>;
}

/**
 * The key of a persistent shell: the agent session (or the caller outside sessions) and the
 * workspace, so principals sharing a session (a group chat) never share a shell.
 *
 * @param runtime - the shell service runtime
 * @param request - who asks, from which session
 */
export function shellKeyOf(runtime: ShellRuntime, request: Pick<CommandRequest, 'sessionId' | 'caller' | 'principal'>): string {
  return `${request.sessionId ?? `caller:${request.caller}`}\n${runtime.workspaces.keyOf(request)}`;
}

/**
 * The working directory a persistent shell reports, relative to its workspace (`.` before it starts).
 *
 * @param runtime - the shell service runtime
 * @param request - who asks, from which session
 */
export function sessionCwdOf(runtime: ShellRuntime, request: Pick<CommandRequest, 'sessionId' | 'caller' | 'principal'>): string {
  const cwd = runtime.sessions.cwdOf(shellKeyOf(runtime, request));
  return cwd === undefined ? '.' : runtime.workspaces.relativeCwd(runtime.workspaces.keyOf(request), cwd);
}

async function run(runtime: ShellRuntime, request: CommandRequest, approved: boolean): Promise<ExecResult & { cwd?: string; notice?: string }> {
  const { config, context, workspaces } = runtime;
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const key = workspaces.keyOf(request);
  const workspace = await workspaces.open(key);
  if (request.kind === 'exec') {
    return execCommand({ ...config, argv: request.argv, workspace, cwd: request.cwd, env: context.env, timeoutMs, signal: request.signal });
  }
  const result = await runtime.sessions.run({ key: shellKeyOf(runtime, request), workspace }, request.command ?? '', { timeoutMs, approved, signal: request.signal });
  if (!result.ran) {
    throw new DowncityError(ErrorCodes.INTERNAL, `The persistent shell refused a command the service had allowed: ${result.policy.reason}`);
  }
  return result.cwd === undefined ? result : { ...result, cwd: workspaces.relativeCwd(key, result.cwd) };
}

/**
 * Runs a request that passed every check (and, when needed, was approved), then audits it.
 * A command that cannot be started (bubblewrap missing, working directory outside the
 * workspace) is audited as `failed` and its error thrown.
 *
 * @param runtime - the shell service runtime
 * @param request - the command request
 * @param options - the policy verdict, and the approval it ran under
 * @returns the result for the caller
 */
export async function executeCommand(
  runtime: ShellRuntime,
  request: CommandRequest,
  options: { evaluation: Pick<PolicyEvaluation, 'decision' | 'reason'>; approvalId?: string; approvedBy?: string },
): Promise<RanResult> {
  const base = { ...auditBase(request, options.evaluation), ...(options.approvalId ? { approvalId: options.approvalId } : {}), ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) };
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(runtime, request, options.approvalId !== undefined);
  } catch (caught) {
    const error = toDowncityError(caught, ErrorCodes.INTERNAL, 'The command could not be started');
    await runtime.audit.record({ ...base, outcome: 'failed', error: error.message });
    throw error;
  }
  const record = await runtime.audit.record({
    ...base,
    outcome: 'ran',
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    timedOut: result.timedOut,
    truncated: result.truncated,
  });
  return {
    status: 'ran',
    exitCode: result.exitCode,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    truncated: result.truncated,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    ...(result.cwd === undefined ? {} : { cwd: result.cwd }),
    ...(result.notice === undefined ? {} : { notice: result.notice }),
    auditId: record.id,
  };
}
