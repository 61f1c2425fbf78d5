import type { Principal } from '@downcity/core';
import { roleCan } from '../access/permissions.js';
import { resolveIdentity } from '../access/resolve-identity.js';
import type { AuthConfig } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';
import type { Guard } from './fail-closed.js';

/** The part of the mcp service's `mcp/before-call` input this guard reads. */
export interface McpCallRequest {
  /** The MCP server's name. */
  server: string;
  /** The tool's name on the server. */
  tool: string;
  /** The permission the server's config asks for (default `mcp`). */
  permission: string;
  /** On whose behalf the tool runs; absent for the operator's own calls. */
  principal?: Principal;
}

/**
 * Creates the `mcp/before-call` guard: the principal needs a role with the server's permission
 * (`mcp` unless the server's config names another; only owners have it by default). A call
 * without a principal runs only when `allowWithoutPrincipal`.
 */
export function createMcpGuard(options: { config: AuthConfig; grants: GrantStore; shared: ReadonlySet<string> }): Guard<McpCallRequest> {
  const { config, grants, shared } = options;
  return async (request) => {
    const principal = request.principal;
    if (!principal) {
      return config.allowWithoutPrincipal ? { allow: true } : { allow: false, reason: 'MCP tool calls without a principal are not allowed (plugins.auth.allowWithoutPrincipal is false)' };
    }
    const identity = await resolveIdentity({ config, grants, shared, principal });
    if (roleCan({ roles: config.roles, role: identity.role, permission: request.permission })) return { allow: true };
    return {
      allow: false,
      reason: `${principal.id} (role ${identity.role}) may not use the tools of MCP server "${request.server}": that needs a role with the "${request.permission}" permission (add it under plugins.auth.roles)`,
    };
  };
}
