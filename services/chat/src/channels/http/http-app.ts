import type { Logger } from '@downcity/core';
import { bearerCredential, createRouteApp, jsonResponse, limitBody, requireJson, sendProblem, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import type { ChannelHost } from '../../channel/channel.js';
import { authenticate, MISSING_CREDENTIAL, type Credentials, type HttpIdentity } from './credentials/authenticate.js';
import { handleHistory } from './handle-history.js';
import { handleMessage, type HandleMessageOptions } from './handle-message.js';
import { httpProblem } from './http-problem.js';

/** What the HTTP channel's app needs. */
export interface HttpAppOptions extends HandleMessageOptions {
  /** What bearer credentials are checked against. */
  credentials: Credentials;
  /** Session reads. */
  host: ChannelHost | undefined;
  /** Where failures are logged. */
  logger: Logger;
}

const ROUTES = 'Routes: POST /v1/messages, GET /v1/sessions/:id/messages, GET /healthz.';

/**
 * The HTTP channel as a route app: `GET /healthz` (no credential), then the bearer credential for everything
 * else (a per-user token, a user assertion or the shared token), then `POST /v1/messages` (JSON only, at most
 * `maxBodyBytes`) and `GET /v1/sessions/:id/messages`. Mounted at `/` of the agent's HTTP surface, so it also
 * answers every path no other route claims (401 without a credential, else 404).
 */
export function createHttpApp(options: HttpAppOptions): Hono<RouteEnv<{ identity: HttpIdentity }>> {
  const app = createRouteApp<{ identity: HttpIdentity }>({
    logger: options.logger,
    unexpected: () => httpProblem('UNAVAILABLE', 'The request failed inside the agent; it was not stored. Try again.'),
    notFound: (c) => sendProblem(c, httpProblem('NOT_FOUND', `No route ${c.req.method} ${c.req.path}. ${ROUTES}`)),
  });
  app.all('/healthz', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw httpProblem('METHOD_NOT_ALLOWED', 'Use GET for this path.');
    return jsonResponse(c, { ok: true });
  });
  app.use(bearerCredential<HttpIdentity>({ verify: (credential) => authenticate(credential, options.credentials), missingMessage: MISSING_CREDENTIAL }));
  app.post(
    '/v1/messages',
    requireJson(),
    limitBody({
      maxBytes: options.config.maxBodyBytes,
      tooLarge: () => httpProblem('PAYLOAD_TOO_LARGE', `The body is larger than ${options.config.maxBodyBytes} bytes (services.chat.channels.http.maxBodyBytes).`),
    }),
    (c) => handleMessage(c, options),
  );
  app.get('/v1/sessions/:sessionId/messages', (c) => handleHistory(c, { host: options.host, account: options.config.account }));
  return app;
}
