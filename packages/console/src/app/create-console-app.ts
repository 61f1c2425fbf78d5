import type { Logger } from '@downcity/core';
import { createRouteApp, HttpProblem, remoteAddress, type RouteEnv } from '@downcity/http';
import type { Hono, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ConsoleData } from '../api/console-data.js';
import type { ConsoleSessions } from '../auth/console-sessions.js';
import type { SignInLinks } from '../auth/sign-in-links.js';
import { addApiRoutes } from './api-routes.js';
import { addChatRoutes } from './chat-routes.js';
import type { ConsoleVariables } from './console-variables.js';
import { isLoopback, isLoopbackHost } from './is-loopback.js';
import { noticePage } from './notice-page.js';
import { securityHeaders } from './security-headers.js';
import { CSRF_HEADER, sessionCookieName } from './session-cookie.js';
import { staticFile } from './static-files.js';


/** Options of {@link createConsoleApp}. */
export interface ConsoleAppOptions {
  /** Where the console is served, e.g. `/console`. */
  path: string;
  /** The one-time sign-in links. */
  links: SignInLinks;
  /** The signed-in browsers. */
  sessions: ConsoleSessions;
  /** What the API reads and does. */
  data: ConsoleData;
  /** The prebuilt web app folder. */
  webRoot: string;
  /** Whether non-loopback clients may connect. */
  allowRemote: boolean;
  /** For failures. */
  logger?: Logger;
}


const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const problem = (status: number, code: string, message: string): HttpProblem => new HttpProblem({ status, code, message });

/** Refuses clients that are not this machine, and requests addressed to a name other than this machine's, unless remote access is allowed. */
function loopbackOnly(allowRemote: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (allowRemote) return next();
    if (!isLoopback(remoteAddress(c))) throw problem(403, 'CONSOLE_LOOPBACK_ONLY', 'The console answers only on this machine. Set services.console.allowRemote to open it to others.');
    // A page of another site that re-points its own name at 127.0.0.1 (DNS rebinding) still sends its own Host.
    if (!isLoopbackHost(c.req.header('host'))) throw problem(403, 'CONSOLE_LOOPBACK_ONLY', 'Open the console at 127.0.0.1 or localhost; other host names are refused while it answers only on this machine.');
    await next();
  };
}

/**
 * Lets a request through only with a live session cookie: the API answers 401 JSON, pages a sign-in-needed
 * page. A change (POST, PUT, PATCH, DELETE) must also come from the console's own origin (`Origin`) and
 * carry the session's CSRF token in `X-CSRF-Token`, else 403.
 */
function requireSession(sessions: ConsoleSessions, apiPrefix: string): MiddlewareHandler<{ Variables: ConsoleVariables }> {
  return async (c, next) => {
    const cookie = getCookie(c, sessionCookieName(c.req.url));
    const session = sessions.find(cookie);
    if (!session || !cookie) {
      if (c.req.path.startsWith(apiPrefix)) throw problem(401, 'SIGN_IN_REQUIRED', 'Sign in first: run `downcity console` and open the link it prints.');
      return noticePage({ status: 401, title: 'Sign-in needed', message: 'This console needs a sign-in, or yours has expired.' });
    }
    if (CHANGES.has(c.req.method)) {
      if (c.req.header('origin') !== new URL(c.req.url).origin) throw problem(403, 'CSRF_REJECTED', 'The request did not come from the console\'s own page (Origin mismatch).');
      if (!sessions.csrfMatches(session, c.req.header(CSRF_HEADER))) throw problem(403, 'CSRF_REJECTED', `The request lacks the console's CSRF token (${CSRF_HEADER} header). Reload the page.`);
    }
    c.set('session', session);
    c.set('cookie', cookie);
    await next();
  };
}


/**
 * The console as a Hono app, to mount at `options.path` on the agent's HTTP surface: `GET <path>/sign-in?token=`
 * exchanges a one-time token for an httpOnly, SameSite=Strict session cookie scoped to the path; behind it the
 * JSON API under `<path>/api/` and the prebuilt web app.
 */
export function createConsoleApp(options: ConsoleAppOptions): Hono<RouteEnv<ConsoleVariables>> {
  const { path, links, sessions, data } = options;
  const api = `${path}/api`;
  const app = createRouteApp<ConsoleVariables>(options.logger ? { logger: options.logger } : {});
  app.use(securityHeaders(), loopbackOnly(options.allowRemote));

  app.get(`${path}/sign-in`, (c) => {
    const token = c.req.query('token');
    if (!token || !links.redeem(token)) return noticePage({ status: 401, title: 'Link used or expired', message: 'Each sign-in link works once and only for a few minutes.' });
    const started = sessions.start();
    setCookie(c, sessionCookieName(c.req.url), started.cookie, {
      path,
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      expires: new Date(started.session.expiresAt),
    });
    return c.redirect(`${path}/`, 303);
  });

  app.use(path, requireSession(sessions, api));
  app.use(`${path}/*`, requireSession(sessions, api));

  addApiRoutes(app, { api, path, sessions, data });
  addChatRoutes(app, { api, chat: data.chat });
  app.all(`${api}/*`, (c) => {
    throw problem(404, 'NOT_FOUND', `No console API ${c.req.method} ${c.req.path}.`);
  });

  // The web app: a file when one matches, else index.html so the app's own routes (/console/sessions/x) load.
  app.get(`${path}/*`, async (c) => {
    const relative = c.req.path.slice(path.length + 1);
    const file = relative && relative !== 'index.html' ? await staticFile(options.webRoot, relative) : undefined;
    if (file) return file;
    const index = await staticFile(options.webRoot, 'index.html');
    if (!index) throw problem(500, 'CONSOLE_NOT_BUILT', 'The console web app is missing: run `pnpm build` in packages/console.');
    // The app resolves its assets and API against <base href>, built as /console/: point it at the configured path.
    return c.html((await index.text()).replace('<base href="/console/"', `<base href="${path}/"`));
  });
  app.get(path, (c) => c.redirect(`${path}/`, 308));
  return app;
}
