/** A refused or failed API call, with the server's problem code. */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The problem code, e.g. `SIGN_IN_REQUIRED`. */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Where the API lives, from the page's `<base href>` (the server sets it to the console path). */
export const apiBase = new URL('api/', document.baseURI).pathname;

let csrfToken: string | undefined;

async function parse<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string } }).error;
  if (response.status === 401) window.dispatchEvent(new Event('console:signed-out'));
  throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The console answered ${response.status}.`);
}

/** GETs a JSON API path such as `health`. */
export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(apiBase + path, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

/** POSTs to a JSON API path with the session's CSRF token. */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  csrfToken ??= (await getJson<{ csrfToken: string }>('me')).csrfToken;
  return parse<T>(
    await fetch(apiBase + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    }),
  );
}
