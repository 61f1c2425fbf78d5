import type { ServerResponse } from 'node:http';

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

/** A refused request: the status, a stable code, a reason that says what to fix, and field problems when any. */
export class HttpProblem extends Error {
  /** The stable code. */
  readonly code: HttpProblemCode;
  /** Invalid fields with their paths. */
  readonly fields: { path: string; message: string }[];

  /** Creates a problem. */
  constructor(code: HttpProblemCode, message: string, fields: { path: string; message: string }[] = []) {
    super(message);
    this.name = 'HttpProblem';
    this.code = code;
    this.fields = fields;
  }

  /** The HTTP status. */
  get status(): number {
    return HttpProblemCodes[this.code];
  }
}

/** Writes a JSON body with the given status. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Writes a problem as `{ error: { code, message, fields? } }`. */
export function sendProblem(response: ServerResponse, problem: HttpProblem): void {
  const headers: Record<string, string> = problem.code === 'UNAUTHORIZED' ? { 'www-authenticate': 'Bearer' } : {};
  const error = problem.fields.length > 0 ? { code: problem.code, message: problem.message, fields: problem.fields } : { code: problem.code, message: problem.message };
  sendJson(response, problem.status, { error }, headers);
}
