import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from '../problem/http-problem.js';

/**
 * Refuses a body declared as anything but JSON with 415 `UNSUPPORTED_MEDIA_TYPE`. A request without a
 * `Content-Type` passes (curl sends none with `-d @file` in some setups); any type containing `json` passes.
 */
export function requireJson(): MiddlewareHandler {
  return (c, next) => {
    const contentType = c.req.header('content-type');
    if (contentType !== undefined && !/json/i.test(contentType)) {
      throw new HttpProblem({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send the body as JSON ("content-type: application/json"), not "${contentType}".` });
    }
    return next();
  };
}
