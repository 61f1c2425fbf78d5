import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from '@downcity/core';
import type { HttpChannelConfig } from '../http-config.js';
import { httpProblem } from '../http-problem.js';
import { userTokenId } from './user-token.js';
import type { UserTokenStore } from './user-token-store.js';
import { looksLikeJwt, verifyUserAssertion } from './verify-user-assertion.js';

/** What a request without a credential is told: which credentials this endpoint accepts. */
export const MISSING_CREDENTIAL =
  'Missing bearer token: send "Authorization: Bearer <credential>" with a per-user token (downcity auth token create), a user assertion signed by your backend, or the shared token.';

/** Who a request's credential authenticates. */
export interface HttpIdentity {
  /** The user id; the principal is `http:<user>`. */
  user: string;
  /** The display name the credential carries, when any. */
  displayName?: string;
  /** How: a per-user token or assertion, or the shared token. */
  authenticatedBy: NonNullable<Principal['authenticatedBy']>;
}

/** What {@link authenticate} checks against. */
export interface Credentials {
  /** The channel config (the shared token, its user, the assertion settings). */
  config: HttpChannelConfig;
  /** The SHA-256 digest of the shared token, when one is configured. */
  sharedDigest: Buffer | undefined;
  /** The per-user tokens, when the chat service provides storage. */
  tokens: UserTokenStore | undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The SHA-256 digest of the shared token that {@link authenticate} compares against. */
export const sharedTokenDigest = (token: string | undefined): Buffer | undefined => (token === undefined ? undefined : digest(token));

/**
 * Authenticates the bearer credential of a request (from `Authorization: Bearer <credential>`, checked by
 * `bearerCredential`), which is one of:
 *
 * - the shared `token` (compared in constant time, both sides hashed first): speaks as `http:<sharedUser>`;
 * - a per-user token `dcu_<id>_<secret>` created with `downcity auth token create`: looked up by id, its SHA-256
 *   digest compared in constant time; a revoked token fails on the next request;
 * - a user assertion (an HS256 JWT signed with `assertions.secret`): speaks as `http:<sub>`.
 *
 * Per-user tokens and assertions may not name the shared user: that principal belongs to the shared token alone.
 *
 * @throws an `HttpProblem` `UNAUTHORIZED` for an unknown, revoked, expired or forged credential.
 */
export async function authenticate(credential: string, credentials: Credentials): Promise<HttpIdentity> {
  const { config, sharedDigest, tokens } = credentials;
  if (sharedDigest !== undefined && timingSafeEqual(digest(credential), sharedDigest)) {
    return { user: config.sharedUser, authenticatedBy: 'shared-credential' };
  }
  let identity: HttpIdentity;
  if (userTokenId(credential) !== undefined) {
    const token = await tokens?.verify(credential);
    if (!token) throw httpProblem('UNAUTHORIZED', 'Unknown or revoked token. Ask the operator for a new one (downcity auth token create <user>).');
    identity = { user: token.user, authenticatedBy: 'user-credential', ...(token.displayName === undefined ? {} : { displayName: token.displayName }) };
  } else if (looksLikeJwt(credential)) {
    if (!config.assertions) throw httpProblem('UNAUTHORIZED', 'User assertions are not enabled on this endpoint (services.chat.channels.http.assertions).');
    identity = { ...(await verifyUserAssertion(credential, config.assertions)), authenticatedBy: 'user-credential' };
  } else {
    throw httpProblem('UNAUTHORIZED', 'Wrong bearer token.');
  }
  if (identity.user === config.sharedUser) {
    throw httpProblem('UNAUTHORIZED', `The user id "${config.sharedUser}" is reserved for the shared token (services.chat.channels.http.sharedUser); give this user another id.`);
  }
  return identity;
}
