import type { Identity, Principal } from '@downcity/core';
import type { AuthConfig, AuthRole } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';
import { isSharedPrincipal } from './shared-principals.js';

/** What {@link resolveIdentity} reads. */
export interface ResolveIdentityOptions {
  /** The plugin config (owners). */
  config: AuthConfig;
  /** Persisted grants. */
  grants: GrantStore;
  /** Principal ids the channels authenticate only by a shared credential (see `loadSharedPrincipals`). */
  shared: ReadonlySet<string>;
  /** Who is asking. */
  principal: Principal;
}

/** The most a principal authenticated only by a shared credential can be. */
const SHARED_CEILING: AuthRole = 'member';

/**
 * Who a principal is: `owner` when listed in `owners` or authenticated as the agent's operator, the granted
 * role when a grant exists, else an unknown `guest`. Only the channel-authenticated principal id counts;
 * display names and message text never do. A principal authenticated only by a shared credential (the HTTP
 * channel's shared token) proves nothing about which person speaks: it is never an owner (an `owners` entry
 * naming it is ignored) and an `admin` grant counts as `member`. A principal the channel authenticated as the
 * operator (`authenticatedBy: 'operator'`: the console's web chat, reached only through a sign-in link from
 * the agent's control socket) is the person who runs the agent, so it is an owner.
 */
export async function resolveIdentity(options: ResolveIdentityOptions): Promise<Identity> {
  const { config, grants, principal } = options;
  const shared = isSharedPrincipal(principal, options.shared);
  if (!shared && principal.authenticatedBy === 'operator') return { principalId: principal.id, role: 'owner', known: true };
  if (!shared && config.owners.includes(principal.id)) return { principalId: principal.id, role: 'owner', known: true };
  const grant = await grants.get(principal.id);
  if (!grant) return { principalId: principal.id, role: 'guest', known: false };
  return { principalId: principal.id, role: shared && grant.role === 'admin' ? SHARED_CEILING : grant.role, known: true };
}
