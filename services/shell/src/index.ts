/**
 * `@downcity/shell`: the shell service (sandboxed commands for the model, an argv policy that
 * sees through wrappers, chat approvals, an audit log) and the engine it is built on.
 *
 * @packageDocumentation
 */
export { shellService } from './service/shell-service.js';
export { ConfigSchema, DEFAULT_ALLOWED_PROGRAMS, approvalModeSchema, effectivePolicy, servicePolicySchema, type ShellConfig, type ShellConfigInput } from './service/config.js';
export type { BeforeExecRequest } from './service/points.js';
export { commandResultSchema, deniedResultSchema, pendingResultSchema, ranResultSchema, type CommandResult, type RanResult } from './actions/command-result.js';
export { execInputSchema, type ExecInput } from './actions/exec-action.js';
export { sessionRunInputSchema, type SessionRunInput } from './actions/session-run-action.js';
export { approvalAnswerInputSchema, approvalAnswerSchema, type ApprovalAnswer, type ApprovalAnswerInput } from './actions/approval-answer.js';
export { pendingInputSchema, pendingOutputSchema, type PendingInput, type PendingOutput } from './actions/pending-action.js';
export { cancelPendingInputSchema, cancelPendingOutputSchema, type CancelPendingInput, type CancelPendingOutput } from './actions/cancel-pending-action.js';
export { auditInputSchema, auditOutputSchema, type AuditInput, type AuditOutput } from './actions/audit-action.js';
export { displayCommand } from './service/display-command.js';
export { SHELL_ERROR_REASONS, isShellError, shellError, type ShellErrorReason } from './shell-error.js';
export type { ArgWord, Invocation } from './policy/invocation.js';
export { DEFAULT_TRUSTED_DIRECTORIES, isTrustedPath, programName, unwrapArgv, type UnwrapOptions } from './policy/unwrap-argv.js';
export { analyzeShellScript, type ShellScriptAnalysis } from './policy/bash/analyze-shell-script.js';
export type { ShellDialect } from './policy/bash/script-context.js';
export { loadBashParser, type BashParser } from './policy/bash/load-bash-parser.js';
export {
  PRIVILEGE_ESCALATION_PROGRAMS,
  SAFE_SHELL_BUILTINS,
  defineShellPolicy,
  evaluatePolicy,
  evaluateShellLine,
  formatArgv,
  policyDecisionSchema,
  policyRuleSchema,
  shellPolicySchema,
  type InvocationCheck,
  type PolicyDecision,
  type PolicyEvaluation,
  type PolicyRule,
  type ShellPolicy,
  type ShellPolicyInput,
} from './policy/policy.js';
export { buildBwrapArgs, detectBwrap, requireBwrap, type BwrapArgsOptions } from './sandbox/bwrap.js';
export { bwrapFeatures, type BwrapFeatures } from './sandbox/bwrap-features.js';
export { NETWORK_ETC_ENTRIES, SANDBOX_ETC_ENTRIES, sandboxEtcFiles, type SandboxFile } from './sandbox/sandbox-etc.js';
export { resolveSandboxUser, type SandboxUser } from './sandbox/sandbox-user.js';
export { inheritableDescriptors } from './sandbox/inherited-descriptors.js';
export { spawnPrepared, type PipedChild } from './sandbox/spawn-prepared.js';
export { jsonLength, renderOutput, sanitizeOutput, truncationMarker, type RenderedOutput } from './sandbox/render-output.js';
export type { CapturedOutput } from './sandbox/output-collector.js';
export { ensureSandboxCanReach, prepareWorkspace, prepareWorkspaceRoot } from './sandbox/workspace-access.js';
export { workspaceDirectoryName } from './service/workspace-directory-name.js';
export { workspaceScopeSchema, type WorkspaceScope } from './service/workspace-scope.js';
export { execCommand, prepareCommand, type ExecCommandOptions, type PreparedCommand } from './sandbox/exec.js';
export type { ExecResult } from './sandbox/run-process.js';
export { DEFAULT_SANDBOX_ID, parseSandboxConfig, sandboxConfigSchema, type SandboxConfig, type SandboxConfigInput } from './sandbox/sandbox-config.js';
export { DEFAULT_SANDBOX_PATH, buildSandboxEnv } from './sandbox/sandbox-env.js';
export { resolveWorkingDirectory, type ResolvedDirectories } from './sandbox/resolve-working-directory.js';
export { ShellSession, type SessionRunOptions, type SessionRunResult, type ShellSessionOptions } from './sandbox/shell-session.js';
export {
  auditOutcomeSchema,
  auditRecordSchema,
  createAuditRecord,
  deniedBySchema,
  type AuditRecord,
  type AuditRecordInput,
} from './audit/audit-record.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { shellService as default } from './service/shell-service.js';
