export { SHELL_ERROR_CODES, ShellError, isShellError, type ShellErrorCode } from './shell-error.js';
export type { Invocation } from './policy/invocation.js';
export { DEFAULT_TRUSTED_DIRECTORIES, isTrustedPath, programName, unwrapArgv, type UnwrapOptions } from './policy/unwrap-argv.js';
export { parseShellScript, type ShellScriptParse } from './policy/parse-shell-script.js';
export {
  PRIVILEGE_ESCALATION_PROGRAMS,
  SAFE_SHELL_BUILTINS,
  defineShellPolicy,
  evaluatePolicy,
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
export { SANDBOX_ETC_ENTRIES, buildBwrapArgs, detectBwrap, requireBwrap, type BwrapArgsOptions } from './sandbox/bwrap.js';
export { execCommand, prepareCommand, type ExecCommandOptions, type PreparedCommand } from './sandbox/exec.js';
export type { ExecResult } from './sandbox/run-process.js';
export { parseSandboxConfig, sandboxConfigSchema, type SandboxConfig, type SandboxConfigInput } from './sandbox/sandbox-config.js';
export { DEFAULT_SANDBOX_PATH, buildSandboxEnv } from './sandbox/sandbox-env.js';
export { resolveWorkingDirectory, type ResolvedDirectories } from './sandbox/resolve-working-directory.js';
export { ShellSession, type SessionRunOptions, type SessionRunResult, type ShellSessionOptions } from './sandbox/shell-session.js';
export { auditRecordSchema, createAuditRecord, type AuditRecord } from './audit/audit-record.js';
