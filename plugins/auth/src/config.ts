import { z } from 'zod';

/** The four roles, most to least privileged (the same as core's `Role`). */
export const RoleSchema = z.enum(['owner', 'admin', 'member', 'guest']);

/** Roles a grant or a pairing may give; owners come only from `owners` in the config. */
export const GrantableRoleSchema = z.enum(['admin', 'member', 'guest']);

/**
 * Who may reach the agent in one kind of conversation:
 * `open` everyone (unknown users are guests), `allowlist` only owners and granted users,
 * `pairing` like allowlist but an unknown user receives a one-time code the owner can approve,
 * `disabled` nobody (messages are dropped without a reply).
 */
export const AccessPolicySchema = z.enum(['open', 'allowlist', 'pairing', 'disabled']);

/** A principal id as the chat service builds it: `<channel>:<platform user id>`. */
export const PrincipalIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*:\S+$/, 'must be "<channel>:<user id>", e.g. "telegram:123456" or "http:alice"');

/** A permission name, e.g. `chat`, `shell`, `task`, `memory`, `auth`; `*` grants every permission. */
export const PermissionSchema = z.string().regex(/^(\*|[a-z][a-z0-9-]*)$/, 'must be a lowercase name such as "chat" or "shell", or "*" for every permission');

const permissions = (defaults: string[], description: string) => z.array(PermissionSchema).default(defaults).describe(description);

/** The policies of one channel; an absent entry falls back to `default`. */
export const ChannelPoliciesSchema = z
  .strictObject({
    direct: AccessPolicySchema.optional().describe('Policy for direct (one-to-one) messages on this channel.'),
    group: AccessPolicySchema.optional().describe('Policy for group chats on this channel.'),
  })
  .describe('Policies for one channel; a missing key uses the default policy.');

/** The `@downcity/auth` plugin config (`plugins.auth`). */
export const AuthConfigSchema = z
  .strictObject({
    owners: z
      .array(PrincipalIdSchema)
      .default([])
      .describe('Principal ids with the owner role, e.g. ["telegram:123456"]. Owners can approve pairing codes and manage grants from chat.'),
    channels: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a channel id such as "telegram" or "http"'), ChannelPoliciesSchema)
      .default({})
      .describe('Policies by channel id (telegram, feishu, qq, http, terminal...), direct messages and groups separately.'),
    default: z
      .strictObject({
        direct: AccessPolicySchema.default('pairing').describe('Policy for direct messages on channels without their own.'),
        group: AccessPolicySchema.default('disabled').describe('Policy for group chats on channels without their own.'),
      })
      .prefault({})
      .describe('Policies for channels not listed under channels (default: pairing for direct messages, disabled for groups).'),
    roles: z
      .strictObject({
        owner: permissions(['*'], 'Permissions of owners (default: every permission).'),
        admin: permissions(['chat', 'shell', 'task', 'memory'], 'Permissions of admins (default: chat, shell, task, memory).'),
        member: permissions(['chat', 'task', 'memory'], 'Permissions of members (default: chat, task, memory).'),
        guest: permissions(['chat'], 'Permissions of guests: unknown users where the policy is open, and users granted guest (default: chat).'),
      })
      .prefault({})
      .describe('Permissions of each role: chat (talk to the agent), shell (run commands), task (run tasks), memory, auth (manage access), or * for all.'),
    pairing: z
      .strictObject({
        codeTtlMs: z.number().int().positive().default(3_600_000).describe('How long a pairing code stays valid, in milliseconds (default one hour).'),
        maxPending: z
          .number()
          .int()
          .positive()
          .default(20)
          .describe('At most this many codes wait for approval; further unknown users are told to try later (existing requests are never dropped).'),
        role: GrantableRoleSchema.default('member').describe('The role an approved user receives.'),
      })
      .prefault({})
      .describe('Pairing: unknown users receive a one-time code the owner approves with /pair approve <code> or from the CLI.'),
    rateLimit: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Whether chat messages are rate-limited per user.'),
        messagesPerMinute: z.number().positive().default(20).describe('Sustained rate: tokens added per minute.'),
        burst: z.number().int().positive().default(10).describe('Bucket size: messages a user may send at once.'),
        exempt: z.array(RoleSchema).default(['owner']).describe('Roles that are never rate-limited.'),
        notice: z
          .string()
          .min(1)
          .default('You are sending messages faster than I can answer. Please wait a moment; messages sent meanwhile are skipped.')
          .describe('Sent once when a user first hits the limit; further messages are dropped silently until the bucket refills.'),
      })
      .prefault({})
      .describe('A token bucket per user for chat messages (commands included).'),
    allowWithoutPrincipal: z
      .boolean()
      .default(true)
      .describe(
        'Whether shell commands and task runs that carry no principal may run. They come from the operator (the host app, the CLI, tasks in the config); chat turns and tool calls always carry one.',
      ),
  })
  .describe('Access control: who may use the agent, with which role, and how often.');

/** A role. */
export type AuthRole = z.output<typeof RoleSchema>;
/** A role a grant may give. */
export type GrantableRole = z.output<typeof GrantableRoleSchema>;
/** An access policy. */
export type AccessPolicy = z.output<typeof AccessPolicySchema>;
/** The auth config as written. */
export type AuthConfigInput = z.input<typeof AuthConfigSchema>;
/** The auth config as validated. */
export type AuthConfig = z.output<typeof AuthConfigSchema>;
