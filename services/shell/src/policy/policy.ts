import { z } from 'zod';
import { loadBashParser } from './bash/load-bash-parser.js';
import type { Invocation } from './invocation.js';
import { matchArgPattern, matchGlob } from './match-glob.js';
import { DEFAULT_TRUSTED_DIRECTORIES, isTrustedPath, unwrapShellLine, unwrapWithParser } from './unwrap-argv.js';

/** One allow or deny rule, matched against every program a command will run. */
export const policyRuleSchema = z.strictObject({
  program: z
    .string()
    .min(1)
    .describe('Program basename, e.g. "rm" (also matches /usr/bin/rm, ./rm and busybox rm). "*" and "?" are wildcards.'),
  args: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'The rule applies only when ANY argument matches ANY of these glob-ish patterns ("-rf", "--force*"). ' +
        'A short-flag cluster such as "-rf" also matches "-fr" and "-r -f".',
    ),
  argsPrefix: z
    .array(z.string())
    .optional()
    .describe('The rule applies only when the arguments start with these patterns, in order (e.g. ["status"] for git status).'),
});

/** One allow or deny rule. */
export type PolicyRule = z.infer<typeof policyRuleSchema>;

/** A policy decision: run it, refuse it, or ask a human first. */
export const policyDecisionSchema = z.enum(['allow', 'deny', 'ask']);

/** A policy decision. */
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;

/** The shell policy config. Deny wins over allow; every program a command runs must be allowed. */
export const shellPolicySchema = z.strictObject({
  allow: z.array(policyRuleSchema).default([]).describe('Programs that may run.'),
  deny: z.array(policyRuleSchema).default([]).describe('Programs that never run; checked first, also against wrappers such as env or bash.'),
  default: policyDecisionSchema.default('deny').describe('Decision for programs no rule matches.'),
  unanalyzable: policyDecisionSchema
    .default('deny')
    .describe('Decision for commands whose programs cannot be known before they run ($(...), eval, script files). Only change with care.'),
  trustedDirectories: z
    .array(z.string().startsWith('/'))
    .default([...DEFAULT_TRUSTED_DIRECTORIES])
    .describe('Allow rules match a program named by path only when it lives in one of these directories.'),
  maxArgs: z.number().int().positive().default(256).describe('Longest argv accepted, in arguments.'),
  maxArgvBytes: z.number().int().positive().default(64 * 1024).describe('Longest argv accepted, in bytes.'),
});

/** The shell policy config after defaults are applied. */
export type ShellPolicy = z.infer<typeof shellPolicySchema>;

/** The shell policy config as written, before defaults are applied. */
export type ShellPolicyInput = z.input<typeof shellPolicySchema>;

/**
 * Declares a shell policy with full type inference; returns it unchanged.
 *
 * @param policy - the policy config
 */
export function defineShellPolicy(policy: ShellPolicyInput): ShellPolicyInput {
  return policy;
}

/**
 * Shell builtins the script analyser accepts, each only with the arguments that make it safe
 * (`printf` without `-v`, `read` and `declare` with plain unprotected names, `test` without
 * `-v`, `set` with harmless options...; see `SAFE_BUILTIN_CHECKS`). Like any program they run
 * only when allowed; spread them into `allow` for a shell session:
 * `allow: [...SAFE_SHELL_BUILTINS.map((program) => ({ program })), ...]`.
 */
export const SAFE_SHELL_BUILTINS: readonly string[] = [
  'cd', 'pwd', 'echo', 'printf', 'true', 'false', 'test', '[', ':', 'export', 'unset', 'set',
  'shift', 'exit', 'return', 'local', 'declare', 'read', 'wait',
];

/** Programs that gain privileges; they are denied whatever the rules say. */
export const PRIVILEGE_ESCALATION_PROGRAMS: readonly string[] = ['sudo', 'sudoedit', 'doas', 'su', 'pkexec', 'runuser'];

/** The verdict on one invocation. */
export interface InvocationCheck {
  /** The invocation checked. */
  invocation: Invocation;
  /** Its decision. */
  decision: PolicyDecision;
  /** Why, in words a user understands. */
  reason: string;
}

/** The result of {@link evaluatePolicy}. */
export interface PolicyEvaluation {
  /** `deny` if any invocation is denied, else `ask` if any needs approval, else `allow`. */
  decision: PolicyDecision;
  /** What was blocked (or allowed) and why. */
  reason: string;
  /** Every program the command would run. */
  invocations: Invocation[];
  /** The verdict on each invocation, in the same order. */
  checks: InvocationCheck[];
}

/**
 * Decides whether an argv may run. It is allowed only when it is proven to run a finite list of
 * programs with known arguments, each allowed: wrappers are looked through (see `unwrapArgv`)
 * and are programs themselves, `sh -c`/`bash -c` scripts are analysed with tree-sitter-bash as
 * a whitelist, and anything not proven (command substitution, arithmetic, `eval`, functions,
 * unknown builtins or options...) takes the `unanalyzable` decision. Deny rules win over allow
 * rules; privilege escalation, NUL bytes and oversized argvs are denied.
 *
 * Asynchronous because the bash grammar (WebAssembly) is loaded on first use; every later call
 * parses synchronously and only awaits the already-loaded parser.
 *
 * @param argv - the command, program first
 * @param policy - the policy config; defaults are applied here
 * @returns the decision, a reason for the user, and the per-program verdicts
 */
export async function evaluatePolicy(argv: readonly string[], policy: ShellPolicyInput): Promise<PolicyEvaluation> {
  const config = shellPolicySchema.parse(policy);
  const limit = checkLimits(argv, config);
  if (limit) return { decision: 'deny', reason: limit, invocations: [], checks: [] };
  const invocations = unwrapWithParser({ parser: await loadBashParser(), argv, options: { trustedDirectories: config.trustedDirectories } });
  return judge(invocations, config);
}

/**
 * Decides whether a line may run in a persistent bash session (`ShellSession`,
 * `shell/session-run`): the same analysis as {@link evaluatePolicy} on `bash -c line`, except
 * that `bash` itself is not a program to allow, because the session's shell is already running.
 *
 * @param line - the shell line
 * @param policy - the policy config; defaults are applied here
 */
export async function evaluateShellLine(line: string, policy: ShellPolicyInput): Promise<PolicyEvaluation> {
  const config = shellPolicySchema.parse(policy);
  const limit = checkLimits(['bash', '-c', line], config);
  if (limit) return { decision: 'deny', reason: limit, invocations: [], checks: [] };
  const invocations = unwrapShellLine({ parser: await loadBashParser(), line, options: { trustedDirectories: config.trustedDirectories } });
  return judge(invocations, config);
}

function judge(invocations: Invocation[], config: ShellPolicy): PolicyEvaluation {
  const checks = invocations.map((invocation) => ({ invocation, ...checkInvocation(invocation, config) }));
  return { ...combine(checks), invocations, checks };
}

function checkLimits(argv: readonly string[], config: ShellPolicy): string | undefined {
  if (argv.length === 0 || argv[0] === '') return 'Blocked: the command is empty.';
  const withNul = argv.findIndex((arg) => arg.includes('\0'));
  if (withNul !== -1) {
    return `Blocked: argument ${withNul} contains a NUL byte, which would hide the rest of it from the program but not from this check.`;
  }
  if (argv.length > config.maxArgs) {
    return `Blocked: the command has ${argv.length} arguments; the limit is ${config.maxArgs}.`;
  }
  const bytes = argv.reduce((total, arg) => total + Buffer.byteLength(arg) + 1, 0);
  if (bytes > config.maxArgvBytes) {
    return `Blocked: the command is ${bytes} bytes long; the limit is ${config.maxArgvBytes} bytes.`;
  }
  return undefined;
}

function checkInvocation(invocation: Invocation, config: ShellPolicy): { decision: PolicyDecision; reason: string } {
  const shown = describe(invocation);
  if (PRIVILEGE_ESCALATION_PROGRAMS.includes(invocation.program)) {
    return { decision: 'deny', reason: `${shown} is blocked: ${invocation.program} gains privileges, which is never allowed.` };
  }
  const denyRule = config.deny.find((rule) => ruleMatches({ rule, invocation, mode: 'deny', trustedDirectories: config.trustedDirectories }));
  if (denyRule) return { decision: 'deny', reason: `${shown} is blocked by the deny rule ${describeRule(denyRule)}.` };
  if (!invocation.analyzable) {
    const verb = config.unanalyzable === 'deny' ? 'is blocked' : config.unanalyzable === 'ask' ? 'needs approval' : 'is allowed unchecked';
    return { decision: config.unanalyzable, reason: `${shown} ${verb}: it cannot be checked because ${invocation.reason ?? 'it is not analyzable'}.` };
  }
  if (config.allow.some((rule) => ruleMatches({ rule, invocation, mode: 'allow', trustedDirectories: config.trustedDirectories }))) {
    return { decision: 'allow', reason: `${shown} is allowed.` };
  }
  return { decision: config.default, reason: defaultReason({ shown, invocation, config }) };
}

function defaultReason(input: { shown: string; invocation: Invocation; config: ShellPolicy }): string {
  const { shown, invocation, config } = input;
  const verb = config.default === 'deny' ? 'is blocked' : config.default === 'ask' ? 'needs approval' : 'is allowed';
  const untrustedPath = invocation.path !== undefined && !isTrustedPath(invocation.path, config.trustedDirectories);
  const listed = config.allow.some((rule) => matchGlob(rule.program, invocation.program));
  if (untrustedPath && listed) {
    return `${shown} ${verb}: ${invocation.path} is outside the trusted system directories, so it may not be the real ${invocation.program}.`;
  }
  if (listed) {
    const open = invocation.openArgs ? ' (some of its arguments are only known at run time)' : '';
    return `${shown} ${verb}: its arguments do not match an allow rule for ${invocation.program}${open}.`;
  }
  const wrapper = invocation.wrapper ? ' (it runs other programs, and a wrapper must be allowed itself as well as what it runs)' : '';
  return `${shown} ${verb}: ${invocation.program} is not in the allow list${wrapper}.`;
}

function ruleMatches(input: {
  rule: PolicyRule;
  invocation: Invocation;
  mode: 'allow' | 'deny';
  trustedDirectories: readonly string[];
}): boolean {
  const { rule, invocation, mode, trustedDirectories } = input;
  if (!matchGlob(rule.program, invocation.program)) return false;
  if (mode === 'allow' && invocation.path !== undefined && !isTrustedPath(invocation.path, trustedDirectories)) return false;
  if (!rule.args && !rule.argsPrefix) return true;
  if (invocation.openArgs) return mode === 'deny';
  const args = invocation.argv.slice(1);
  if (rule.args && !rule.args.some((pattern) => matchArgPattern(pattern, args))) return false;
  if (rule.argsPrefix && !rule.argsPrefix.every((pattern, index) => args[index] !== undefined && matchGlob(pattern, args[index]))) {
    return false;
  }
  return true;
}

function combine(checks: readonly InvocationCheck[]): { decision: PolicyDecision; reason: string } {
  if (checks.length === 0) return { decision: 'allow', reason: 'Allowed: the command runs no program.' };
  for (const decision of ['deny', 'ask'] as const) {
    const matching = checks.filter((check) => check.decision === decision);
    if (matching.length > 0) return { decision, reason: unique(matching.map((check) => check.reason)).join(' ') };
  }
  return { decision: 'allow', reason: `Allowed: ${unique(checks.map((check) => check.invocation.program)).join(', ')}.` };
}

function describe(invocation: Invocation): string {
  const through = invocation.via.length > 0 ? ` (run through ${invocation.via.join(' → ')})` : '';
  return `"${formatArgv(invocation.argv)}"${through}`;
}

function describeRule(rule: PolicyRule): string {
  const parts = [rule.program];
  if (rule.args) parts.push(`with any of ${rule.args.join(' ')}`);
  if (rule.argsPrefix) parts.push(`starting ${rule.argsPrefix.join(' ')}`);
  return `"${parts.join(' ')}"`;
}

/**
 * Shows an argv as a readable, shell-like line, shortened to about 120 characters.
 *
 * @param argv - the argv to show
 */
export function formatArgv(argv: readonly string[]): string {
  const line = argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
