import { z } from 'zod';
import { SAFE_SHELL_BUILTINS, policyDecisionSchema, policyRuleSchema, shellPolicySchema, type ShellPolicyInput } from '../policy/policy.js';
import { sandboxConfigSchema } from '../sandbox/sandbox-config.js';
import { workspaceScopeSchema } from './workspace-scope.js';

/** Programs allowed when the config names none: shell builtins that cannot change what runs, and read-only tools. */
export const DEFAULT_ALLOWED_PROGRAMS: readonly string[] = [
  ...SAFE_SHELL_BUILTINS,
  'ls', 'cat', 'head', 'tail', 'wc', 'grep', 'sort', 'uniq', 'cut', 'tr', 'diff', 'date', 'stat', 'basename', 'dirname', 'realpath',
];

/** How commands that are not plainly allowed are handled. */
export const approvalModeSchema = z
  .enum(['ask', 'allowlist', 'deny'])
  .describe('"ask": commands the policy marks ask wait for the chat user\'s /approve; "allowlist": only allowed commands run; "deny": nothing runs.');

/** The shell policy as the service config takes it: the engine's policy with service defaults. */
export const servicePolicySchema = shellPolicySchema.extend({
  allow: z
    .array(policyRuleSchema)
    .default(DEFAULT_ALLOWED_PROGRAMS.map((program) => ({ program })))
    .describe('Programs that may run without approval. Default: safe shell builtins and read-only tools (ls, cat, grep...).'),
  default: policyDecisionSchema
    .optional()
    .describe('Decision for programs no rule matches. Unset: "ask" in approval mode ask, "deny" otherwise.'),
  unanalyzable: policyDecisionSchema
    .optional()
    .describe(
      'Decision for commands the analyser cannot prove safe ($(...), arithmetic, eval, functions...). Unset: "ask" in approval mode ask ' +
        '(a person sees the raw command and approves it), "deny" otherwise. "allow" runs them unchecked: only change with care.',
    ),
});

/** The `services.shell` config. */
export const ConfigSchema = sandboxConfigSchema.extend({
  workspace: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The folder holding the workspaces commands run in and may write to (or, with workspaceScope "shared", the one workspace); created at start. ' +
        'Default: "<agent dataDir>/workspace". Relative paths resolve against the working directory.',
    ),
  workspaceScope: workspaceScopeSchema.default('principal'),
  maxTimeoutMs: z.number().int().positive().default(600_000).describe('The longest timeout a caller (or the model) may ask for.'),
  policy: servicePolicySchema.prefault({}).describe('Which programs may run, checked on every program a command runs after unwrapping env, sh -c, busybox...'),
  approval: z
    .strictObject({
      mode: approvalModeSchema.default('ask'),
      expiresMs: z.number().int().positive().default(600_000).describe('A pending approval request expires after this long.'),
      maxPending: z.number().int().positive().default(20).describe('At most this many approval requests wait at once; more are denied.'),
    })
    .prefault({})
    .describe('Approval of commands the policy marks "ask".'),
  session: z
    .strictObject({
      idleMs: z.number().int().positive().default(600_000).describe('A persistent shell is closed after this long without commands.'),
      maxSessions: z.number().int().positive().default(16).describe('At most this many persistent shells run at once; the least recently used is closed first.'),
    })
    .prefault({})
    .describe('Persistent shells, one per agent session.'),
});

/** The `services.shell` config as validated. */
export type ShellConfig = z.output<typeof ConfigSchema>;

/** The `services.shell` config as written. */
export type ShellConfigInput = z.input<typeof ConfigSchema>;

/**
 * The policy the service checks commands against: the configured policy with its `default` and
 * `unanalyzable` decisions filled in from the approval mode (`ask` in mode ask, else `deny`).
 *
 * @param config - the validated service config
 */
export function effectivePolicy(config: ShellConfig): ShellPolicyInput {
  const fallback = config.approval.mode === 'ask' ? 'ask' : 'deny';
  return { ...config.policy, default: config.policy.default ?? fallback, unanalyzable: config.policy.unanalyzable ?? fallback };
}
