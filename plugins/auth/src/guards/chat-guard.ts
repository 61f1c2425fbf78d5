import type { AuthorizeRequest } from '@downcity/chat';
import type { GuardVerdict, Identity, Principal } from '@downcity/core';
import { Permissions, roleCan } from '../access/permissions.js';
import { policyFor } from '../access/policy-for.js';
import { resolveIdentity } from '../access/resolve-identity.js';
import type { AccessPolicy, AuthConfig } from '../config.js';
import type { GrantStore } from '../grants/grant-store.js';
import type { PairingStore } from '../pairing/pairing-store.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { Guard } from './fail-closed.js';
import { Replies } from './replies.js';

/** What the chat guard needs. */
export interface ChatGuardOptions {
  /** The plugin config. */
  config: AuthConfig;
  /** Persisted grants. */
  grants: GrantStore;
  /** Principal ids authenticated only by a shared credential: never owners or admins. */
  shared: ReadonlySet<string>;
  /** Pending pairing requests. */
  pairing: PairingStore;
  /** The per-user rate limiter, when enabled. */
  limiter: RateLimiter | undefined;
  /** The clock, epoch milliseconds. */
  now: () => number;
}

const allow: GuardVerdict = { allow: true };
const deny = (reason: string, reply?: string): GuardVerdict => ({ allow: false, reason, ...(reply === undefined ? {} : { reply }) });

/** The verdict before rate limiting: who may talk, and what an unknown user is told. */
async function accessVerdict(options: ChatGuardOptions, request: { principal: Principal; policy: AccessPolicy; identity: Identity; group: boolean; command?: { name: string } }): Promise<GuardVerdict> {
  const { config, pairing, now } = options;
  const { principal, policy, identity, group } = request;
  if (request.command?.name === 'pair' && !roleCan({ roles: config.roles, role: identity.role, permission: Permissions.auth })) {
    return deny(`${principal.id} (${identity.role}) may not use /pair`, Replies.ownerOnly);
  }
  if (identity.known || policy === 'open') {
    if (roleCan({ roles: config.roles, role: identity.role, permission: Permissions.chat })) return allow;
    return deny(`${principal.id} (${identity.role}) lacks the "chat" permission`, group ? undefined : Replies.noChatPermission(identity.role));
  }
  if (policy === 'allowlist') return deny(`${principal.id} is not on the allowlist`, group ? undefined : Replies.notAllowed(principal.id));
  const outcome = await pairing.request(principal);
  if (outcome.status === 'full') return deny(`${principal.id} is unknown and ${outcome.maxPending} pairing requests are already pending`, Replies.pairingFull);
  const reply = outcome.status === 'issued' ? Replies.pairingIssued(outcome.pending, now()) : Replies.pairingReminder(outcome.pending, now());
  return deny(`${principal.id} is unknown; pairing code ${outcome.status === 'issued' ? 'issued' : 'reminded'}`, reply);
}

/**
 * Creates the `chat/authorize` guard. The decision uses only the platform-authenticated principal
 * and where the message came from (channel, direct or group): never the message text, so "I am
 * the owner" changes nothing. Grants are read from the store on every message (a revoke takes
 * effect at once). Verdicts that allow or reply take a rate-limit token; the first refused message
 * gets one notice, later ones are dropped silently until the bucket refills.
 */
export function createChatGuard(options: ChatGuardOptions): Guard<AuthorizeRequest> {
  const { config, grants, shared, limiter } = options;
  return async (request) => {
    const { principal, message } = request;
    const conversation = message.chat.type;
    const policy = policyFor({ config, channel: message.channel, conversation });
    if (policy === 'disabled') return deny(`${conversation} messages on "${message.channel}" are disabled`);
    const identity = await resolveIdentity({ config, grants, shared, principal });
    const verdict = await accessVerdict(options, { principal, policy, identity, group: conversation === 'group', ...(request.command ? { command: request.command } : {}) });
    if (verdict.allow === false && verdict.reply === undefined) return verdict;
    if (!limiter || config.rateLimit.exempt.includes(identity.role)) return verdict;
    const rate = limiter.take(principal.id);
    if (rate === 'allowed') return verdict;
    return deny(`${principal.id} is over the rate limit`, rate === 'limited-notice' ? config.rateLimit.notice : undefined);
  };
}
