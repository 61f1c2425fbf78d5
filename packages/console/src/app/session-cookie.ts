/** The cookie that carries a console sign-in. */
export const SESSION_COOKIE = 'downcity_console';
/** The header the web app sends the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
