/** The name the console's session cookie starts with. */
export const SESSION_COOKIE = 'downcity_console';
/** The header the web app sends the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session cookie's name for a request: `downcity_console_<port>`, or `downcity_console` on the scheme's
 * default port. Browsers share cookies between ports of one host, so two agents on one machine
 * (`127.0.0.1:8787`, `127.0.0.1:8788`) would otherwise sign each other's console out.
 */
export function sessionCookieName(requestUrl: string): string {
  const { port } = new URL(requestUrl);
  return port === '' ? SESSION_COOKIE : `${SESSION_COOKIE}_${port}`;
}
