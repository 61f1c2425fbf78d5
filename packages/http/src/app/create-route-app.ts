import type { Logger } from '@downcity/core';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HttpProblem } from '../problem/http-problem.js';
import { sendProblem } from '../problem/send-problem.js';
import { allowedMethods } from './allowed-methods.js';
import { requestId } from './request-id.js';
import type { RouteEnv } from './route-env.js';

/** Options of {@link createRouteApp}. */
export interface RouteAppOptions {
  /** Where failures are logged (with the request id, method and path). */
  logger?: Logger;
  /**
   * The answer to anything thrown that is not an {@link HttpProblem}, after it was logged. Default: 500
   * `INTERNAL`. Platform webhooks answer in the platform's own format here.
   */
  unexpected?: (error: unknown, c: Context) => HttpProblem | Response;
  /** The answer for a path no route matches. Default: 404 `NOT_FOUND` naming the method and path. */
  notFound?: (c: Context) => Response | Promise<Response>;
  /** The answer when the path exists but not for this method. Default: 405 `METHOD_NOT_ALLOWED`, `Use <method> for this path.`, with `Allow`. */
  methodNotAllowed?: (c: Context, methods: string[]) => Response | Promise<Response>;
}

const notFound = (c: Context): Response =>
  sendProblem(c, new HttpProblem({ status: 404, code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}.` }));

const wrongMethod = (c: Context, methods: string[]): Response =>
  sendProblem(c, new HttpProblem({ status: 405, code: 'METHOD_NOT_ALLOWED', message: `Use ${methods[0] ?? 'another method'} for this path.`, headers: { allow: methods.join(', ') } }));

/**
 * A Hono app with the middleware every Downcity route shares: a request id (`X-Request-Id`, see `requestId`), JSON error
 * bodies for every {@link HttpProblem} thrown anywhere (`{ "error": { "code", "message", "fields"? } }`),
 * 405 with `Allow` for a known path asked with the wrong method, 404 for an unknown one, and unexpected
 * failures logged with the request id and answered without their details. Add routes and per-route
 * middleware (`limitBody`, `requireJson`, `bearerCredential`) to it, then mount `app.fetch` on the surface.
 *
 * @example
 * ```ts
 * const app = createRouteApp({ logger });
 * app.post('/hooks/acme', limitBody({ maxBytes: 65_536 }), async (c) => c.json(await handle(await c.req.json())));
 * const route = await surface.mount({ name: 'acme webhook', path: '/hooks/acme', fetch: app.fetch });
 * ```
 */
export function createRouteApp<Variables extends object = object>(options: RouteAppOptions = {}): Hono<RouteEnv<Variables>> {
  const app = new Hono<RouteEnv<Variables>>();
  app.use(requestId());
  const allowed = allowedMethods(app);
  app.notFound((c) => {
    const methods = allowed(c.req.path);
    if (methods.length > 0 && !methods.includes(c.req.method)) return (options.methodNotAllowed ?? wrongMethod)(c, methods);
    return (options.notFound ?? notFound)(c);
  });
  app.onError((error, c) => {
    if (HttpProblem.is(error)) return sendProblem(c, error);
    if (error instanceof HTTPException) return error.getResponse();
    options.logger?.error({ err: error, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'HTTP request failed');
    const answer = options.unexpected?.(error, c) ?? new HttpProblem({ status: 500, code: 'INTERNAL', message: `The request failed inside the agent (request id ${c.get('requestId')}). Try again.` });
    return HttpProblem.is(answer) ? sendProblem(c, answer) : answer;
  });
  return app;
}
