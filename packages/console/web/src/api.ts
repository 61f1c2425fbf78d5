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

/** POSTs a JSON body with the session's CSRF token; answers the raw response. */
async function post(path: string, body: unknown, accept = 'application/json'): Promise<Response> {
  csrfToken ??= (await getJson<{ csrfToken: string }>('me')).csrfToken;
  return fetch(apiBase + path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
}

/** POSTs to a JSON API path with the session's CSRF token. */
export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return parse<T>(await post(path, body));
}

/** POSTs with the session's CSRF token to a path that answers server-sent events; throws the API problem when refused. */
export async function postForEvents(path: string, body: unknown): Promise<Response> {
  const response = await post(path, body, 'text/event-stream');
  return response.ok ? response : parse<never>(response);
}
