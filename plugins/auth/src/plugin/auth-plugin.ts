import type { AuthorizeRequest } from '@downcity/chat';
import { definePlugin, type Handlers } from '@downcity/core';
import pkg from '../../package.json' with { type: 'json' };
import { resolveIdentity } from '../access/resolve-identity.js';
import { loadSharedPrincipals } from '../access/shared-principals.js';
import { approveAction } from '../actions/approve-action.js';
import { cancelShellApprovals } from '../actions/cancel-shell-approvals.js';
import { grantAction } from '../actions/grant-action.js';
import { listAction } from '../actions/list-action.js';
import { pendingAction } from '../actions/pending-action.js';
import { revokeAction } from '../actions/revoke-action.js';
import type { AuthState } from '../auth-state.js';
import { AuthConfigSchema } from '../config.js';
import { GrantStore } from '../grants/grant-store.js';
import { createChatGuard } from '../guards/chat-guard.js';
import { failClosed } from '../guards/fail-closed.js';
import { Replies } from '../guards/replies.js';
import { createMcpGuard, type McpCallRequest } from '../guards/mcp-guard.js';
import { createShellGuard, type ShellExecRequest } from '../guards/shell-guard.js';
import { createTaskGuard, type TaskRunRequest } from '../guards/task-guard.js';
import { PairingStore } from '../pairing/pairing-store.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

/**
 * The auth plugin (id `auth`): who may use the agent, with which role, and how often.
 *
 * - `chat/authorize` guard: per-channel policies (open, allowlist, pairing, disabled) for direct
 *   messages and groups, roles and permissions, a token bucket per user.
 * - `shell/before-exec`, `task/before-run` and `mcp/before-call` guards (attached only when those
 *   services are installed): shell needs the `shell` permission (admins by default), task runs need the
 *   owner's `task` permission, an MCP tool the permission its server's config names (`mcp` by default).
 * - `agent/identity` resolve: the role of any principal, for every other package.
 * - Actions `auth/list`, `auth/grant`, `auth/revoke`, `auth/approve`, `auth/pending` for the host
 *   app and the CLI; never offered to the model.
 *
 * Every decision reads grants from the store (a revoke is effective at once), uses only the
 * channel-authenticated principal, and denies on any error. A principal authenticated only by a
 * shared credential (the HTTP channel's shared token) is never an owner or admin.
 *
 * @example
 * ```ts
 * import { createAgent } from '@downcity/core';
 * import { createChatService } from '@downcity/chat';
 * import { telegramChannel } from '@downcity/channel-telegram';
 * import { authCommands, authPlugin } from '@downcity/auth';
 *
 * const agent = createAgent({
 *   services: [createChatService({ channels: [telegramChannel], commands: authCommands })],
 *   plugins: [authPlugin],
 *   config: { plugins: { auth: { owners: ['telegram:123456'], channels: { telegram: { direct: 'pairing', group: 'allowlist' } } } } },
 * });
 * ```
 */
export const authPlugin = definePlugin({
  package: pkg,
  config: AuthConfigSchema,
  setup: async (context) => {
    const config = context.config;
    const shared = await loadSharedPrincipals(context);
    const now = Date.now;
    const grants = new GrantStore(context.storage);
    const pairing = new PairingStore({ storage: context.storage, ttlMs: config.pairing.codeTtlMs, maxPending: config.pairing.maxPending, now });
    const limiter = config.rateLimit.enabled ? new RateLimiter({ perMinute: config.rateLimit.messagesPerMinute, burst: config.rateLimit.burst, now }) : undefined;
    const state: AuthState = { config, grants, pairing, now, shared, cancelShellApprovals: cancelShellApprovals(context) };
    const logger = context.logger;

    const handlers: Handlers = {
      'chat/authorize': failClosed<AuthorizeRequest>({ point: 'chat/authorize', logger, guard: createChatGuard({ config, grants, shared, pairing, limiter, now }), reply: Replies.unavailable }),
      'agent/identity': (query) => resolveIdentity({ config, grants, shared, principal: query.principal }),
    };
    // shell and task may not be installed, so their points may be missing from ExtensionPoints at
    // compile time; these handlers are typed by the part of the input they read.
    const optional = {
      'shell/before-exec': failClosed<ShellExecRequest>({ point: 'shell/before-exec', logger, guard: createShellGuard({ config, grants, shared }) }),
      'task/before-run': failClosed<TaskRunRequest>({ point: 'task/before-run', logger, guard: createTaskGuard({ config, grants, shared }) }),
      'mcp/before-call': failClosed<McpCallRequest>({ point: 'mcp/before-call', logger, guard: createMcpGuard({ config, grants, shared }) }),
    };

    return {
      handlers: Object.assign(handlers, optional),
      actions: {
        list: listAction(state),
        grant: grantAction(state),
        revoke: revokeAction(state),
        approve: approveAction(state),
        pending: pendingAction(state),
      },
    };
  },
});
