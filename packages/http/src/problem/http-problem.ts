const BRAND = Symbol.for('@downcity/http.problem');

/** One invalid field of a request, with its path (`text`, `attachments.0.kind`, `(root)`). */
export interface ProblemField {
  /** Where, as a dotted path. */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** What {@link HttpProblem} is made of. */
export interface HttpProblemOptions {
  /** The HTTP status, e.g. 413. */
  status: number;
  /** A stable, machine-readable code, e.g. `PAYLOAD_TOO_LARGE`. */
  code: string;
  /** What went wrong and what to do about it, safe to show the client. */
  message: string;
  /** Invalid fields, when the request failed validation. */
  fields?: ProblemField[];
  /** Extra response headers, e.g. `www-authenticate` or `retry-after`. */
  headers?: Record<string, string>;
  /** The error that caused it, kept for logs (never sent). */
  cause?: unknown;
}

/**
 * A refused request: thrown anywhere in a route app made with `createRouteApp`, it becomes the JSON error
 * body `{ "error": { "code", "message", "fields"? } }` with its status and headers. Recognised with
 * {@link HttpProblem.is}, which also works across two installed copies of this package.
 */
export class HttpProblem extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The stable code. */
  readonly code: string;
  /** Invalid fields; empty when none. */
  readonly fields: ProblemField[];
  /** Extra response headers. */
  readonly headers: Record<string, string>;

  /** Creates a problem. */
  constructor(options: HttpProblemOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpProblem';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Whether `value` is an {@link HttpProblem} (from any copy of this package). */
  static is(value: unknown): value is HttpProblem {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The JSON error body. */
  toJSON(): { error: { code: string; message: string; fields?: ProblemField[] } } {
    return { error: this.fields.length > 0 ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message } };
  }
}

/** The content type of every JSON body this package writes. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The problem as a `Response`, for code outside a route app (a raw fetch handler). */
export function problemResponse(problem: HttpProblem): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': JSON_CONTENT_TYPE, ...problem.headers } });
}
