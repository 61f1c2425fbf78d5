import type { Context, MiddlewareHandler } from 'hono';

/** The context variable saying the answer carries its `X-Request-Id` already. */
const SENT = 'downcity.requestIdSent';

/**
 * Marks the answer of this request as carrying its request id already (made by `jsonResponse`, `sendProblem`,
 * `openTextStream`), so {@link requestId} leaves it alone. Returns it.
 */
export function markRequestId(c: Context, response: Response): Response {
  c.set(SENT, true);
  return response;
}

/** The `X-Request-Id` header for an answer built by hand, when the request has an id. */
export function requestIdHeader(id: unknown): Record<string, string> {
  return typeof id === 'string' ? { 'x-request-id': id } : {};
}

const VALID = /^[\w=-]{1,255}$/;

// A random prefix per process and a counter: unique within a run and across restarts, and far cheaper than a
// UUID per request (`randomUUID` was 1% of a chat message's CPU in `pnpm bench`).
const PREFIX = crypto.randomUUID().slice(0, 8);
let counter = 0;
const nextId = (): string => `${PREFIX}-${(++counter).toString(36)}`;

/**
 * Gives the request an id (`c.get('requestId')`): the client's `X-Request-Id` when it is 1-255 of
 * `A-Z a-z 0-9 _ - =`, else a new one (a random per-process prefix and a counter, e.g. `3f9a1c2e-1k`), and sends it
 * back as `X-Request-Id`. Hono's `requestId` does the same
 * but puts the header into Hono's prepared headers, which makes Hono and `@hono/node-server` build WHATWG `Headers`
 * for every answer: about 3% of the CPU of a chat message in `pnpm bench`. Answers from `jsonResponse`,
 * `sendProblem` and `openTextStream` carry the id already; any other answer gets it added afterwards.
 */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const id = given !== undefined && VALID.test(given) ? given : nextId();
    c.set('requestId', id);
    await next();
    if (c.get(SENT) !== true) c.header('x-request-id', id);
  };
}
