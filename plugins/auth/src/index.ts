/**
 * `@downcity/auth`: access control for Downcity agents. Per-channel policies (open, allowlist,
 * pairing, disabled) for direct messages and groups, roles with permissions, a rate limit per
 * user, guards for chat, shell and task, and the `agent/identity` answer for every package.
 *
 * @packageDocumentation
 */
export { authPlugin, authPlugin as default } from './plugin/auth-plugin.js';
export { authCommands, authCommands as chatCommands, pairCommand } from './commands/pair-command.js';
export {
  AccessPolicySchema,
  AuthConfigSchema,
  ChannelPoliciesSchema,
  GrantableRoleSchema,
  PermissionSchema,
  PrincipalIdSchema,
  RoleSchema,
  type AccessPolicy,
  type AuthConfig,
  type AuthConfigInput,
  type AuthRole,
  type GrantableRole,
} from './config.js';
export { Permissions, roleCan } from './access/permissions.js';
export { policyFor } from './access/policy-for.js';
export { GrantSchema, type Grant } from './grants/grant-store.js';
export { PendingPairingSchema, type PendingPairing } from './pairing/pairing-store.js';
export type { ShellExecRequest } from './guards/shell-guard.js';
export type { TaskRunRequest } from './guards/task-guard.js';
export { ApproveInputSchema, ApproveOutputSchema } from './actions/approve-action.js';
export { GrantInputSchema, GrantOutputSchema } from './actions/grant-action.js';
export { ListInputSchema, ListOutputSchema } from './actions/list-action.js';
export { PendingInputSchema, PendingOutputSchema } from './actions/pending-action.js';
export { RevokeInputSchema, RevokeOutputSchema } from './actions/revoke-action.js';
export type {
  ApproveInput,
  ApproveOutput,
  GrantInput,
  GrantOutput,
  ListInput,
  ListOutput,
  PendingInput,
  PendingOutput,
  RevokeInput,
  RevokeOutput,
} from './actions/declare-actions.js';
