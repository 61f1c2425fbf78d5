import { HttpProblem, limitBody, requireJson, type RouteContext, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { ConsoleData } from '../api/console-data.js';
import type { ConsoleSessions } from '../auth/console-sessions.js';
import { viaAction } from './action-problem.js';
import type { ConsoleVariables } from './console-variables.js';
import { sessionCookieName } from './session-cookie.js';

/** What the API routes need. */
export interface ApiRoutesOptions {
  /** The API prefix, e.g. `/console/api`. */
  api: string;
  /** The console path (the cookie's path). */
  path: string;
  /** The signed-in browsers. */
  sessions: ConsoleSessions;
  /** What the API reads and does. */
  data: ConsoleData;
}

type ConsoleContext = RouteContext<ConsoleVariables>;

const DenyBodySchema = z.object({ principalId: z.string().min(1).describe('Who asked, e.g. "telegram:123456".') }).strict();

/** Parses a JSON body with `schema`; 400 `INPUT_INVALID` with the bad fields otherwise. */
export async function readBody<T>(c: ConsoleContext, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await c.req.json().catch(() => {
    throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: 'The body is not JSON.' });
  });
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
  throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `Invalid body: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`, fields });
}

/** The filters of `GET sessions` from the query string (blank ones left out). */
function sessionFilter(c: ConsoleContext) {
  const pick = (name: string) => c.req.query(name)?.trim() || undefined;
  const channel = pick('channel');
  const user = pick('user');
  const text = pick('text');
  return { ...(channel ? { channel } : {}), ...(user ? { user } : {}), ...(text ? { text } : {}) };
}

/** The console's JSON API (behind the session check): me, sign-out, health, sessions, pairing. */
export function addApiRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: ApiRoutesOptions): void {
  const { api, path, sessions, data } = options;
  app.get(`${api}/me`, (c) => c.json({ csrfToken: c.get('session').csrfToken, expiresAt: c.get('session').expiresAt }));
  app.post(`${api}/sign-out`, (c) => {
    sessions.end(c.get('cookie'));
    deleteCookie(c, sessionCookieName(c.req.url), { path });
    return c.json({ signedOut: true });
  });
  app.get(`${api}/health`, async (c) => c.json(await data.health()));
  app.get(`${api}/sessions`, async (c) => c.json({ sessions: await data.sessions(sessionFilter(c)) }));
  app.get(`${api}/sessions/:id`, async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 200) || 200, 1), 500);
    const found = await data.session(c.req.param('id'), limit);
    if (!found) throw new HttpProblem({ status: 404, code: 'SESSION_NOT_FOUND', message: `No session ${c.req.param('id')}.` });
    return c.json(found);
  });
  app.post(`${api}/sessions/:id/reset`, async (c) => {
    if (!(await data.reset(c.req.param('id')))) throw new HttpProblem({ status: 404, code: 'SESSION_NOT_FOUND', message: `No session ${c.req.param('id')}.` });
    return c.json({ reset: true });
  });
  app.get(`${api}/pairing`, async (c) => c.json({ pending: await viaAction(() => data.pairing.pending()) }));
  app.post(`${api}/pairing/:code/approve`, async (c) => c.json(await viaAction(() => data.pairing.approve(c.req.param('code')))));
  app.post(`${api}/pairing/deny`, limitBody({ maxBytes: 4_096 }), requireJson(), async (c) => {
    const { principalId } = await readBody(c, DenyBodySchema);
    return c.json({ denied: await viaAction(() => data.pairing.deny(principalId)) });
  });
}
