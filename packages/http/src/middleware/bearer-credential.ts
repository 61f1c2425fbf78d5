import type { Context, MiddlewareHandler } from 'hono';
import type { RouteEnv } from '../app/route-env.js';
import { HttpProblem } from '../problem/http-problem.js';

/** Options of {@link bearerCredential}. */
export interface BearerCredentialOptions<Identity> {
  /** Who the credential is; throw a 401 {@link HttpProblem} saying what is wrong when it is nobody. */
  verify: (credential: string, c: Context) => Identity | Promise<Identity>;
  /** The message for a request without `Authorization`; say which credentials are accepted. */
  missingMessage?: string;
  /** The message for an `Authorization` header that is not `Bearer <credential>`. */
  malformedMessage?: string;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const unauthorized = (message: string, from?: HttpProblem): HttpProblem =>
  new HttpProblem({ status: 401, code: from?.code ?? 'UNAUTHORIZED', message, fields: from?.fields ?? [], headers: { ...from?.headers, 'www-authenticate': 'Bearer' } });

/**
 * Authenticates a request by `Authorization: Bearer <credential>` and sets `c.get('identity')` to what
 * `verify` returns. A missing or malformed header, or a credential `verify` refuses, is 401 with
 * `WWW-Authenticate: Bearer`. Hono's `bearerAuth` is not used: it answers a malformed header with 400 and only
 * accepts token68 characters, while a shared token may contain any visible character.
 */
export function bearerCredential<Identity>(options: BearerCredentialOptions<Identity>): MiddlewareHandler<RouteEnv<{ identity: Identity }>> {
  const missing = options.missingMessage ?? 'Missing bearer token: send "Authorization: Bearer <token>".';
  const malformed = options.malformedMessage ?? 'Malformed Authorization header: expected "Bearer <token>".';
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined || header === '') throw unauthorized(missing);
    const credential = BEARER.exec(header)?.[1];
    if (credential === undefined) throw unauthorized(malformed);
    let identity: Identity;
    try {
      identity = await options.verify(credential, c);
    } catch (error) {
      if (HttpProblem.is(error) && error.status === 401) throw unauthorized(error.message, error);
      throw error;
    }
    c.set('identity', identity);
    await next();
  };
}
