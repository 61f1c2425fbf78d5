import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelHost } from '../../channel/channel.js';
import { authenticate, type Credentials, type HttpIdentity } from './credentials/authenticate.js';
import { handleHistory } from './handle-history.js';
import { handleMessage, type HandleMessageOptions } from './handle-message.js';
import { HttpProblem, sendJson } from './http-problem.js';

/** What the router needs. */
export interface RouteOptions extends HandleMessageOptions {
  /** What bearer credentials are checked against. */
  credentials: Credentials;
  /** Session reads. */
  host: ChannelHost | undefined;
}

const HISTORY = /^\/v1\/sessions\/([^/]+)\/messages$/;

function allow(request: IncomingMessage, method: string): void {
  if (request.method !== method) {
    request.resume();
    throw new HttpProblem('METHOD_NOT_ALLOWED', `Use ${method} for this path.`);
  }
}

/**
 * Routes one request: `GET /healthz` (no auth), then bearer auth for everything else (a per-user token,
 * a user assertion or the shared token), then `POST /v1/messages` and `GET /v1/sessions/:id/messages`.
 */
export async function routeRequest(request: IncomingMessage, response: ServerResponse, options: RouteOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    allow(request, 'GET');
    return sendJson(response, 200, { ok: true });
  }
  let identity: HttpIdentity;
  try {
    identity = await authenticate(request.headers.authorization, options.credentials);
  } catch (problem) {
    request.resume();
    throw problem;
  }
  if (url.pathname === '/v1/messages') {
    allow(request, 'POST');
    return handleMessage(request, response, { ...options, identity });
  }
  const history = HISTORY.exec(url.pathname);
  if (history) {
    allow(request, 'GET');
    let sessionId: string;
    try {
      sessionId = decodeURIComponent(history[1] ?? '');
    } catch {
      throw new HttpProblem('INVALID_REQUEST', 'The session id in the path is not valid percent-encoding.');
    }
    return handleHistory(response, { host: options.host, sessionId, limit: url.searchParams.get('limit'), account: options.config.account, identity });
  }
  request.resume();
  throw new HttpProblem('NOT_FOUND', `No route ${request.method ?? 'GET'} ${url.pathname}. Routes: POST /v1/messages, GET /v1/sessions/:id/messages, GET /healthz.`);
}
