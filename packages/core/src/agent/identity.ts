import type { Principal } from '../action/principal.js';

/** The roles Downcity knows, most to least privileged. */
export type Role = 'owner' | 'admin' | 'member' | 'guest';

/** Who a principal is to this agent. */
export interface Identity {
  /** The principal id asked about. */
  principalId: string;
  /** The principal's role. Without an identity provider (e.g. `@downcity/auth`) everyone is `member`. */
  role: Role;
  /** Whether a provider knows this principal (granted, paired or configured). */
  known: boolean;
  /** The canonical id when a provider links identities across channels. */
  canonicalId?: string;
}

/** The question of `agent/identity`. */
export interface IdentityQuery {
  /** The platform-authenticated principal. */
  principal: Principal;
}
