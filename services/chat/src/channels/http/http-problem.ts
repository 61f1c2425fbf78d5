import { HttpProblem, type ProblemField } from '@downcity/http';

/** Problem codes the HTTP channel answers with, by HTTP status. */
export const HttpProblemCodes = {
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MALFORMED_JSON: 400,
  INVALID_REQUEST: 400,
  DUPLICATE: 409,
  DENIED: 403,
  USER_MISMATCH: 403,
  SESSION_NOT_FOUND: 404,
  REPLY_FAILED: 502,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
} as const;

/** One of {@link HttpProblemCodes}. */
export type HttpProblemCode = keyof typeof HttpProblemCodes;

/**
 * A refused request of the HTTP channel: its code's status, a reason that says what to fix, and field problems
 * when any. Thrown, it becomes `{ "error": { "code", "message", "fields"? } }` (see `createRouteApp`).
 */
export function httpProblem(code: HttpProblemCode, message: string, fields: ProblemField[] = []): HttpProblem {
  return new HttpProblem({ status: HttpProblemCodes[code], code, message, fields });
}
