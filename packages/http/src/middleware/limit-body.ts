import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from '../problem/http-problem.js';

/** Options of {@link limitBody}. */
export interface LimitBodyOptions {
  /** The largest body accepted, in bytes. */
  maxBytes: number;
  /**
   * The answer to a larger body: a problem (thrown, so it gets the JSON error body) or a response in a
   * platform's own format. Default: 413 `PAYLOAD_TOO_LARGE`, `The body is larger than <maxBytes> bytes.`
   */
  tooLarge?: (c: Context) => HttpProblem | Response;
}

/**
 * Refuses bodies over `maxBytes` with 413. A declared `Content-Length` is checked from the header alone, before
 * anything is read; a chunked body goes through Hono's `bodyLimit`, which counts it while reading and stops at
 * the limit. (`bodyLimit` alone would also take the header path, but it first reads `request.body`, which makes
 * `@hono/node-server` build a full WHATWG request and read the body through a stream instead of straight from
 * Node: about a third more CPU per message in `pnpm bench` of the chat service.) The rest of a refused body is
 * drained by the server, so the client can read the answer.
 */
export function limitBody(options: LimitBodyOptions): MiddlewareHandler {
  const refuse = (c: Context): Response => {
    const answer = options.tooLarge?.(c) ?? new HttpProblem({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The body is larger than ${options.maxBytes} bytes.` });
    if (HttpProblem.is(answer)) throw answer;
    return answer;
  };
  const chunked = bodyLimit({ maxSize: options.maxBytes, onError: refuse });
  return (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return chunked(c, next);
    const declared = c.req.header('content-length');
    // HTTP/1.1 frames a body by Content-Length or Transfer-Encoding: with neither there is none.
    if (declared !== undefined && Number(declared) > options.maxBytes) return Promise.resolve(refuse(c));
    return next();
  };
}
