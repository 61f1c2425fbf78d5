import type { Identity, Principal } from '@downcity/core';
import type { AuthConfig } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';

/**
 * Who a principal is: `owner` when listed in `owners`, the granted role when a grant exists, else an
 * unknown `guest`. Only the platform-authenticated principal id counts; display names and message
 * text never do.
 */
export async function resolveIdentity(options: { config: AuthConfig; grants: GrantStore; principal: Principal }): Promise<Identity> {
  const { config, grants, principal } = options;
  if (config.owners.includes(principal.id)) return { principalId: principal.id, role: 'owner', known: true };
  const grant = await grants.get(principal.id);
  if (grant) return { principalId: principal.id, role: grant.role, known: true };
  return { principalId: principal.id, role: 'guest', known: false };
}
