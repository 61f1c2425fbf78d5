import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@downcity/core';
import type { FeishuConfig } from '../config/feishu-config.js';
import { checkCallback } from './callback-request.js';

/** Options for {@link CallbackServer}. */
export interface CallbackServerOptions {
  /** The channel config (webhook settings and secrets). */
  config: FeishuConfig;
  /** Channel logger. */
  logger: Logger;
  /** Dispatches a verified, decrypted event envelope; resolves once it is stored or skipped. */
  dispatch(envelope: Record<string, unknown>): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * The HTTP callback endpoint ("send events to developer server"). Answers 200 only after the
 * event is durably stored; a delivery failure answers 500 so Feishu redelivers; a forged,
 * unsigned or stale request answers 401 and reaches nothing.
 */
export class CallbackServer {
  readonly #options: CallbackServerOptions;
  #server: Server | undefined;

  /** Creates the server; call {@link CallbackServer.start} to listen. */
  constructor(options: CallbackServerOptions) {
    this.#options = options;
  }

  /** Starts listening; resolves with the bound port. */
  async start(): Promise<number> {
    const { host, port } = this.#options.config.webhook;
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.#options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'Feishu callback handling failed');
        if (!response.headersSent) respond(response, 500, { msg: 'internal error' });
      });
    });
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = (server.address() as AddressInfo).port;
    this.#options.logger.info({ host, port: bound, path: this.#options.config.webhook.path }, 'Feishu callback server listening');
    return bound;
  }

  /** Stops listening and closes every connection. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { webhook, encryptKey, verificationToken } = this.#options.config;
    const path = (request.url ?? '').split('?')[0];
    if (path !== webhook.path) return respond(response, 404, { msg: 'not found' });
    if (request.method !== 'POST') return respond(response, 405, { msg: 'method not allowed' });
    let rawBody: Buffer;
    try {
      rawBody = await readBody(request, webhook.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return respond(response, 413, { msg: 'body too large' });
      throw error;
    }
    const outcome = checkCallback(
      rawBody,
      {
        timestamp: headerOf(request, 'x-lark-request-timestamp'),
        nonce: headerOf(request, 'x-lark-request-nonce'),
        signature: headerOf(request, 'x-lark-signature'),
      },
      { maxClockSkewSeconds: webhook.maxClockSkewSeconds, ...(encryptKey ? { encryptKey } : {}), ...(verificationToken ? { verificationToken } : {}) },
    );
    if (outcome.kind === 'reply') {
      if (outcome.reason) this.#options.logger.warn({ status: outcome.status, reason: outcome.reason }, 'Feishu callback refused');
      return respond(response, outcome.status, outcome.body);
    }
    try {
      await this.#options.dispatch(outcome.envelope);
    } catch (error) {
      this.#options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'Feishu event not stored; answering 500 so Feishu redelivers');
      return respond(response, 500, { msg: 'not stored' });
    }
    respond(response, 200, {});
  }
}

function respond(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the body; past `maxBytes` it keeps draining (so a 413 can still be sent) but stores nothing. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
    request.resume();
    throw new BodyTooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (total > maxBytes) throw new BodyTooLarge();
  return Buffer.concat(chunks);
}
