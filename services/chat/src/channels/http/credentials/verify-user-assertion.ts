import { jwtVerify, type JWTPayload } from 'jose';
import type { HttpAssertionConfig } from '../http-config.js';
import { httpProblem } from '../http-problem.js';
import { HttpUserIdSchema } from './user-id.js';

/** Who a verified assertion names. */
export interface AssertedUser {
  /** The `sub` claim: the user id. */
  user: string;
  /** The `name` claim, when present: a display name, not an identity. */
  displayName?: string;
}

/** Whether a bearer credential has the shape of a JWT (three base64url parts); only then is it tried as an assertion. */
export const looksLikeJwt = (credential: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);

/** Why jose refused an assertion, in words a backend developer can act on. Never echoes the assertion. */
function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const claim = typeof error === 'object' && error !== null && 'claim' in error ? String(error.claim) : '';
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the user assertion has expired (its "exp" is in the past); mint a fresh one';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the user assertion\'s signature does not verify: it was altered or signed with another secret than services.chat.channels.http.assertions.secret';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the user assertion must be signed with HS256 ("alg": "HS256")';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the user assertion's "${claim}" claim is missing or not accepted ("sub" and "exp" are required${claim === 'iss' || claim === 'aud' ? '; check the configured issuer and audience' : ''})`;
    default:
      return 'the user assertion is not a valid signed JWT';
  }
}

/** Checks the lifetime limit: `exp - iat` and `exp - now` must both stay within `maxLifetimeSeconds` (plus the skew for the latter). */
function checkLifetime(payload: JWTPayload, config: HttpAssertionConfig, nowSeconds: number): void {
  const exp = payload.exp as number;
  const issued = typeof payload.iat === 'number' ? exp - payload.iat : 0;
  const remaining = exp - nowSeconds;
  if (issued > config.maxLifetimeSeconds || remaining > config.maxLifetimeSeconds + config.clockSkewSeconds) {
    throw httpProblem(
      'UNAUTHORIZED',
      `Invalid user assertion: it lives longer than ${config.maxLifetimeSeconds} s (services.chat.channels.http.assertions.maxLifetimeSeconds); mint short-lived assertions.`,
    );
  }
}

/**
 * Verifies a user assertion: an HS256 JWT signed with the configured secret, with `sub` (the user id) and
 * `exp` required, `exp`/`nbf`/`iat` checked with the configured clock skew, the lifetime capped, and `iss`/`aud`
 * checked when configured. Parsing and signature checks are `jose`'s; only HS256 is accepted, so `alg: none`
 * and algorithm confusion are refused.
 *
 * @throws an `HttpProblem` `UNAUTHORIZED` saying what is wrong.
 */
export async function verifyUserAssertion(assertion: string, config: HttpAssertionConfig, now: () => number = Date.now): Promise<AssertedUser> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, new TextEncoder().encode(config.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: config.clockSkewSeconds,
      currentDate: new Date(now()),
      ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
      ...(config.audience === undefined ? {} : { audience: config.audience }),
    }));
  } catch (error) {
    throw httpProblem('UNAUTHORIZED', `Invalid user assertion: ${reasonOf(error)}.`);
  }
  checkLifetime(payload, config, Math.floor(now() / 1000));
  const user = HttpUserIdSchema.safeParse(payload.sub);
  if (!user.success) throw httpProblem('UNAUTHORIZED', 'Invalid user assertion: "sub" must be a user id of 1 to 200 visible characters without spaces.');
  const name = payload.name;
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) {
    throw httpProblem('UNAUTHORIZED', 'Invalid user assertion: "name" must be a string of at most 200 characters.');
  }
  return name === undefined || name === '' ? { user: user.data } : { user: user.data, displayName: name };
}
