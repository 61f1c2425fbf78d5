import type { Logger } from '@downcity/core';
import { createRouteApp, limitBody, remoteAddress, secretEquals, type RouteEnv } from '@downcity/http';
import type { Context, Hono } from 'hono';

/** Telegram updates are small JSON objects; anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

/** What the webhook app needs. */
export interface WebhookAppOptions {
  /** Path updates are posted to. */
  path: string;
  /** The configured `webhookSecret`, compared with the `X-Telegram-Bot-Api-Secret-Token` header. */
  secret: string;
  /** Stores one raw update; rejects when storing failed. */
  handle: (update: unknown) => Promise<void>;
  /** Where rejected requests are reported. */
  logger: Logger;
}

/** An answer without a body, as Telegram expects (it reads only the status). */
const empty = (c: Context, status: 200 | 400 | 401 | 404 | 405 | 413 | 500, headers: Record<string, string> = {}): Response =>
  c.body(null, status, { 'content-length': '0', ...headers });

/**
 * The endpoint Telegram posts updates to, as a route app. A request without the right secret header gets 401
 * and is never read. A stored (or skipped) update gets 200 only after storing finished; a failure gets 500, so
 * Telegram delivers the update again.
 */
export function createWebhookApp(options: WebhookAppOptions): Hono<RouteEnv> {
  const { logger } = options;
  const app = createRouteApp({
    logger,
    notFound: (c) => empty(c, 404),
    methodNotAllowed: (c) => empty(c, 405, { allow: 'POST' }),
    unexpected: (_error, c) => empty(c, 500),
  });
  app.post(
    options.path,
    async (c, next) => {
      if (secretEquals(c.req.header('x-telegram-bot-api-secret-token'), options.secret)) return next();
      logger.warn({ remoteAddress: remoteAddress(c) }, 'Rejected a Telegram webhook request without the right secret token');
      return empty(c, 401, { connection: 'close' });
    },
    limitBody({
      maxBytes: MAX_BODY_BYTES,
      tooLarge: (c) => {
        logger.warn({ reason: 'body too large' }, 'Rejected a malformed Telegram webhook request');
        return empty(c, 413, { connection: 'close' });
      },
    }),
    async (c) => {
      let update: unknown;
      try {
        update = JSON.parse(await c.req.text());
      } catch {
        logger.warn({ reason: 'invalid JSON' }, 'Rejected a malformed Telegram webhook request');
        return empty(c, 400);
      }
      try {
        await options.handle(update);
      } catch (error) {
        logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Storing a Telegram update failed; answering 500 so Telegram retries');
        return empty(c, 500);
      }
      return empty(c, 200);
    },
  );
  return app;
}
