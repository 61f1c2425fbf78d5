import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@downcity/core';
import { Opcode, parsePayload, type QqPayload } from '../events/payload.js';
import type { QqSigner } from './ed25519-signer.js';
import { readBody } from './read-body.js';
import { validationAnswer } from './validation-answer.js';

/** Options of {@link startWebhookServer}. */
export interface WebhookServerOptions {
  /** Interface to listen on. */
  host: string;
  /** Port (0 picks a free one). */
  port: number;
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

/** A running webhook server. */
export interface WebhookServer {
  /** The URL it listens on (http, before any reverse proxy). */
  readonly url: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const SIGNATURE_HEADER = 'x-signature-ed25519';
const TIMESTAMP_HEADER = 'x-signature-timestamp';

/**
 * Starts the HTTP server QQ calls back. Every request must carry a valid ed25519 signature of
 * `X-Signature-Timestamp + body`, else it gets 401 and nothing is delivered. The only exception
 * is an unsigned callback-address validation (op 13), answered with a signature of
 * `event_ts + plain_token` whose format is checked first. A dispatch is acknowledged
 * (`{"op":12,"d":0}`) only after `onDispatch` resolved; when it fails QQ gets 503 and
 * `{"op":12,"d":1}` and redelivers.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const server: Server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'QQ webhook request failed');
      if (!response.headersSent) reply(response, 500, { op: Opcode.HTTP_CALLBACK_ACK, d: 1 });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}${options.path}`;
  options.logger.info({ url }, 'QQ webhook listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: WebhookServerOptions): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (path !== options.path) return reply(response, 404, { message: 'not found' });
  if (request.method !== 'POST') return reply(response, 405, { message: 'method not allowed' });
  const body = await readBody(request, options.maxBodyBytes);
  if (body === undefined) return reply(response, 413, { message: 'body too large' });

  const signature = header(request, SIGNATURE_HEADER);
  const timestamp = header(request, TIMESTAMP_HEADER);
  const signed = signature !== undefined && timestamp !== undefined;
  if (signed && !options.signer.verify(Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), signature)) {
    options.logger.warn({ bytes: body.length }, 'QQ webhook request with a bad signature rejected');
    return reply(response, 401, { message: 'bad signature' });
  }
  const payload = parsePayload(body.toString('utf8'));
  if (!signed && payload?.op !== Opcode.CALLBACK_VALIDATION) {
    options.logger.warn({ bytes: body.length }, 'QQ webhook request without a signature rejected');
    return reply(response, 401, { message: 'missing signature' });
  }
  if (payload === undefined) {
    options.logger.warn({ bytes: body.length }, 'QQ webhook body is not a QQ payload; skipped');
    return reply(response, 400, { message: 'malformed payload' });
  }

  switch (payload.op) {
    case Opcode.CALLBACK_VALIDATION: {
      const answer = validationAnswer(payload.d, options.signer);
      if (answer === undefined) {
        options.logger.warn('QQ callback validation request is malformed; refused');
        return reply(response, 400, { message: 'malformed validation request' });
      }
      options.logger.info('QQ callback address validated');
      return reply(response, 200, answer);
    }
    case Opcode.DISPATCH:
      try {
        await options.onDispatch(payload);
      } catch (error) {
        options.logger.error({ err: error, eventType: payload.t }, 'QQ event could not be stored; QQ will redeliver it');
        return reply(response, 503, { op: Opcode.HTTP_CALLBACK_ACK, d: 1 });
      }
      return reply(response, 200, { op: Opcode.HTTP_CALLBACK_ACK, d: 0 });
    case Opcode.HEARTBEAT:
      return reply(response, 200, { op: Opcode.HEARTBEAT_ACK, d: typeof payload.d === 'number' ? payload.d : 0 });
    default:
      options.logger.warn({ op: payload.op }, 'QQ webhook payload with an unknown opcode; skipped');
      return reply(response, 200, { op: Opcode.HTTP_CALLBACK_ACK, d: 0 });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
