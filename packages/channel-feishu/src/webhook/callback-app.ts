import type { Logger } from '@downcity/core';
import { createRouteApp, JSON_CONTENT_TYPE, limitBody, type RouteEnv } from '@downcity/http';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FeishuConfig } from '../config/feishu-config.js';
import { checkCallback } from './callback-request.js';

/** Options for {@link createCallbackApp}. */
export interface CallbackAppOptions {
  /** The channel config (webhook settings and secrets). */
  config: FeishuConfig;
  /** Channel logger. */
  logger: Logger;
  /** Dispatches a verified, decrypted event envelope; resolves once it is stored or skipped. */
  dispatch(envelope: Record<string, unknown>): Promise<void>;
}

/** A JSON answer in Feishu's own shape (`{ msg }`, `{ challenge }` or `{}`). */
const respond = (c: Context, status: ContentfulStatusCode, body: Record<string, unknown>): Response => c.json(body, status, { 'content-type': JSON_CONTENT_TYPE });

/**
 * The HTTP callback endpoint ("send events to developer server"), as a route app. Answers 200 only after the
 * event is durably stored; a delivery failure answers 500 so Feishu redelivers; a forged, unsigned or stale
 * request answers 401 and reaches nothing. The signature is checked over the raw body bytes.
 */
export function createCallbackApp(options: CallbackAppOptions): Hono<RouteEnv> {
  const { logger } = options;
  const { webhook, encryptKey, verificationToken } = options.config;
  const app = createRouteApp({
    logger,
    notFound: (c) => respond(c, 404, { msg: 'not found' }),
    methodNotAllowed: (c) => respond(c, 405, { msg: 'method not allowed' }),
    unexpected: (_error, c) => respond(c, 500, { msg: 'internal error' }),
  });
  app.post(webhook.path, limitBody({ maxBytes: webhook.maxBodyBytes, tooLarge: (c) => respond(c, 413, { msg: 'body too large' }) }), async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const outcome = checkCallback(
      rawBody,
      { timestamp: c.req.header('x-lark-request-timestamp'), nonce: c.req.header('x-lark-request-nonce'), signature: c.req.header('x-lark-signature') },
      { maxClockSkewSeconds: webhook.maxClockSkewSeconds, ...(encryptKey ? { encryptKey } : {}), ...(verificationToken ? { verificationToken } : {}) },
    );
    if (outcome.kind === 'reply') {
      if (outcome.reason) logger.warn({ status: outcome.status, reason: outcome.reason }, 'Feishu callback refused');
      return respond(c, outcome.status as ContentfulStatusCode, outcome.body);
    }
    try {
      await options.dispatch(outcome.envelope);
    } catch (error) {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'Feishu event not stored; answering 500 so Feishu redelivers');
      return respond(c, 500, { msg: 'not stored' });
    }
    return respond(c, 200, {});
  });
  return app;
}
