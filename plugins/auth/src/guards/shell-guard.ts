import type { Principal } from '@downcity/core';
import { Permissions, roleCan } from '../access/permissions.js';
import { resolveIdentity } from '../access/resolve-identity.js';
import type { AuthConfig } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';
import type { Guard } from './fail-closed.js';

/**
 * The part of the shell service's `shell/before-exec` input this guard reads: the command and the
 * principal carried by the call (for a model tool call, the chat user the turn runs for).
 */
export interface ShellExecRequest {
  /** The command, as argv. */
  argv: readonly string[];
  /** On whose behalf the command runs; absent for the operator's own calls. */
  principal?: Principal;
  /** The session the call belongs to, when any. */
  sessionId?: string;
}

/**
 * Creates the `shell/before-exec` guard: the principal needs a role with the `shell` permission
 * (owners and admins by default). A call without a principal runs only when `allowWithoutPrincipal`.
 */
export function createShellGuard(options: { config: AuthConfig; grants: GrantStore; shared: ReadonlySet<string> }): Guard<ShellExecRequest> {
  const { config, grants, shared } = options;
  return async (request) => {
    const principal = request.principal;
    if (!principal) {
      return config.allowWithoutPrincipal ? { allow: true } : { allow: false, reason: 'shell commands without a principal are not allowed (plugins.auth.allowWithoutPrincipal is false)' };
    }
    const identity = await resolveIdentity({ config, grants, shared, principal });
    if (roleCan({ roles: config.roles, role: identity.role, permission: Permissions.shell })) return { allow: true };
    return {
      allow: false,
      reason: `${principal.id} (role ${identity.role}) may not run shell commands: that needs a role with the "shell" permission (owner or admin by default)`,
    };
  };
}
