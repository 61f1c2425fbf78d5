/** What a failed Feishu call said, read from an HTTP error or an error body. Safe to log: no headers, no request. */
export interface PlatformFailure {
  /** HTTP status, when the platform answered. */
  status?: number;
  /** The platform's business code (`code` in the body), when present. */
  code?: number;
  /** The platform's message (`msg`), when present. */
  message?: string;
  /** Response headers (lower-case names), when the platform answered. */
  headers: Record<string, string>;
}

interface ResponseLike {
  status?: unknown;
  headers?: unknown;
  data?: unknown;
}

/** Reads status, code, msg and headers from an axios-style error (`error.response`). */
export function failureOf(error: unknown): PlatformFailure | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: ResponseLike }).response;
  if (!response || typeof response !== 'object') return undefined;
  return {
    ...(typeof response.status === 'number' ? { status: response.status } : {}),
    ...bodyFields(response.data),
    headers: headersOf(response.headers),
  };
}

/** Reads `code` and `msg` from a JSON body. */
export function bodyFields(data: unknown): { code?: number; message?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const { code, msg } = data as { code?: unknown; msg?: unknown };
  return {
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof msg === 'string' ? { message: msg } : {}),
  };
}

function headersOf(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null) return {};
  const plain = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
    ? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
    : (headers as Record<string, unknown>);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain)) {
    if (typeof value === 'string' || typeof value === 'number') result[name.toLowerCase()] = String(value);
  }
  return result;
}

/** A one-line description such as `HTTP 429, code 99991400: request trigger frequency limit`. */
export function describeFailure(failure: PlatformFailure | undefined, error?: unknown): string {
  if (!failure) return error instanceof Error ? error.message : String(error);
  const parts = [failure.status === undefined ? undefined : `HTTP ${failure.status}`, failure.code === undefined ? undefined : `code ${failure.code}`];
  const head = parts.filter(Boolean).join(', ') || 'no status';
  return failure.message ? `${head}: ${failure.message}` : head;
}
