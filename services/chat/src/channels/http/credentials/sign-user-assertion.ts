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
  const jwt = new SignJWT(options.displayName === undefined ? {} : { name: options.displayName })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.user)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 300}s`);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
