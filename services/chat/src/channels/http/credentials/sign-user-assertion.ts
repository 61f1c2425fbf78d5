import { SignJWT } from 'jose';

/** Options for {@link signUserAssertion}. */
export interface SignUserAssertionOptions {
  /** The shared HMAC secret: `services.chat.channels.http.assertions.secret`. */
  secret: string;
  /** The user id your backend authenticated (`sub`); the principal becomes `http:<user>`. */
  user: string;
  /** A display name (`name`). Not an identity. */
  displayName?: string;
  /** Lifetime in seconds (default 300; keep it within the channel's `maxLifetimeSeconds`). */
  expiresInSeconds?: number;
  /** `iss`, when the channel is configured with an `issuer`. */
  issuer?: string;
  /** `aud`, when the channel is configured with an `audience`. */
  audience?: string;
}

/**
 * Mints a user assertion for the HTTP channel: an HS256 JWT with `sub`, `iat`, `exp` and optionally `name`,
 * `iss` and `aud`. Your backend calls it after authenticating a user and sends the result as
 * `Authorization: Bearer <assertion>`. Backends in other languages mint the same JWT with any JWT library.
 *
 * @example
 * ```ts
 * const assertion = await signUserAssertion({ secret: process.env.DOWNCITY_ASSERTION_SECRET!, user: 'alice', displayName: 'Alice' });
 * await fetch(`${agentUrl}/v1/messages`, { method: 'POST', headers: { authorization: `Bearer ${assertion}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi', chatId: 'c1' }) });
 * ```
 */
export async function signUserAssertion(options: SignUserAssertionOptions): Promise<string> {
  // One clock reading for both claims: read twice, a second boundary between the reads made `exp - iat` one more
  // than the lifetime asked for, and the channel refused the default 300 s assertion under its default 300 s cap.
  const issuedAt = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(options.displayName === undefined ? {} : { name: options.displayName })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.user)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? 300));
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
