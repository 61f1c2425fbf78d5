import type { Logger } from '@downcity/core';
import { createRouteApp, limitBody, type RouteEnv } from '@downcity/http';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Opcode, parsePayload, type QqPayload } from '../events/payload.js';
import type { QqSigner } from './ed25519-signer.js';
import { validationAnswer } from './validation-answer.js';

/** Options of {@link createWebhookApp}. */
export interface WebhookAppOptions {
  /** Path QQ posts to. */
  path: string;
  /** Largest body accepted. */
  maxBodyBytes: number;
  /** Verifies signatures and signs validation answers. */
  signer: QqSigner;
  /** Where requests are logged. */
  logger: Logger;
  /** Handles one verified dispatch (op 0); resolves once the event is stored or skipped. */
  onDispatch(payload: QqPayload): Promise<void>;
}

const SIGNATURE_HEADER = 'x-signature-ed25519';
const TIMESTAMP_HEADER = 'x-signature-timestamp';

const reply = (c: Context, status: ContentfulStatusCode, body: unknown): Response => c.json(body, status);

/** A header's value, or undefined when it is missing or empty. */
const header = (c: Context, name: string): string | undefined => c.req.header(name) || undefined;

/**
 * The endpoint QQ calls back, as a route app. Every request must carry a valid ed25519 signature of
 * `X-Signature-Timestamp + body`, else it gets 401 and nothing is delivered. The only exception is an unsigned
 * callback-address validation (op 13), answered with a signature of `event_ts + plain_token` whose format is
 * checked first. A dispatch is acknowledged (`{"op":12,"d":0}`) only after `onDispatch` resolved; when it fails
 * QQ gets 503 and `{"op":12,"d":1}` and redelivers.
 */
export function createWebhookApp(options: WebhookAppOptions): Hono<RouteEnv> {
  const { logger } = options;
  const app = createRouteApp({
    logger,
    notFound: (c) => reply(c, 404, { message: 'not found' }),
    methodNotAllowed: (c) => reply(c, 405, { message: 'method not allowed' }),
    unexpected: (_error, c) => reply(c, 500, { op: Opcode.HTTP_CALLBACK_ACK, d: 1 }),
  });
  app.post(options.path, limitBody({ maxBytes: options.maxBodyBytes, tooLarge: (c) => reply(c, 413, { message: 'body too large' }) }), async (c) => {
    const body = Buffer.from(await c.req.arrayBuffer());
    const signature = header(c, SIGNATURE_HEADER);
    const timestamp = header(c, TIMESTAMP_HEADER);
    const signed = signature !== undefined && timestamp !== undefined;
    if (signed && !options.signer.verify(Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), signature)) {
      logger.warn({ bytes: body.length }, 'QQ webhook request with a bad signature rejected');
      return reply(c, 401, { message: 'bad signature' });
    }
    const payload = parsePayload(body.toString('utf8'));
    if (!signed && payload?.op !== Opcode.CALLBACK_VALIDATION) {
      logger.warn({ bytes: body.length }, 'QQ webhook request without a signature rejected');
      return reply(c, 401, { message: 'missing signature' });
    }
    if (payload === undefined) {
      logger.warn({ bytes: body.length }, 'QQ webhook body is not a QQ payload; skipped');
      return reply(c, 400, { message: 'malformed payload' });
    }
    switch (payload.op) {
      case Opcode.CALLBACK_VALIDATION: {
        const answer = validationAnswer(payload.d, options.signer);
        if (answer === undefined) {
          logger.warn('QQ callback validation request is malformed; refused');
          return reply(c, 400, { message: 'malformed validation request' });
        }
        logger.info('QQ callback address validated');
        return reply(c, 200, answer);
      }
      case Opcode.DISPATCH:
        try {
          await options.onDispatch(payload);
        } catch (error) {
          logger.error({ err: error, eventType: payload.t }, 'QQ event could not be stored; QQ will redeliver it');
          return reply(c, 503, { op: Opcode.HTTP_CALLBACK_ACK, d: 1 });
        }
        return reply(c, 200, { op: Opcode.HTTP_CALLBACK_ACK, d: 0 });
      case Opcode.HEARTBEAT:
        return reply(c, 200, { op: Opcode.HEARTBEAT_ACK, d: typeof payload.d === 'number' ? payload.d : 0 });
      default:
        logger.warn({ op: payload.op }, 'QQ webhook payload with an unknown opcode; skipped');
        return reply(c, 200, { op: Opcode.HTTP_CALLBACK_ACK, d: 0 });
    }
  });
  return app;
}
