import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@downcity/core';
import { BodyTooLargeError, readBody } from './read-body.js';
import { secretMatches } from './secret-matches.js';

/** Telegram updates are small JSON objects; anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

/** What a {@link WebhookServer} needs. */
export interface WebhookServerOptions {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Path updates are posted to. */
  path: string;
  /** The configured `webhookSecret`, compared with the `X-Telegram-Bot-Api-Secret-Token` header. */
  secret: string;
  /** Stores one raw update; rejects when storing failed. */
  handle: (update: unknown) => Promise<void>;
  /** Where rejected requests are reported. */
  logger: Logger;
}

/**
 * The HTTP endpoint Telegram posts updates to. A request without the right secret header gets 401
 * and is never read. A stored (or skipped) update gets 200 only after storing finished; a failure
 * gets 500, so Telegram delivers the update again.
 */
export class WebhookServer {
  private server: Server | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  /** Creates the server; call {@link WebhookServer.start}. */
  constructor(private readonly options: WebhookServerOptions) {}

  /** Starts listening; resolves with the bound port. */
  async start(): Promise<number> {
    const server = createServer((request, response) => {
      const handling = this.respond(request, response).finally(() => this.inFlight.delete(handling));
      this.inFlight.add(handling);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /** Stops accepting requests, lets updates being stored finish, then closes every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.allSettled(this.inFlight);
    server.closeAllConnections();
    await closed;
  }

  private async respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== this.options.path) return end(response, 404);
    if (request.method !== 'POST') return end(response, 405, { allow: 'POST' });
    if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], this.options.secret)) {
      this.options.logger.warn({ remoteAddress: request.socket.remoteAddress }, 'Rejected a Telegram webhook request without the right secret token');
      request.resume();
      return end(response, 401, { connection: 'close' });
    }
    let update: unknown;
    try {
      update = JSON.parse(await readBody(request, MAX_BODY_BYTES));
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      this.options.logger.warn({ reason: tooLarge ? 'body too large' : 'invalid JSON' }, 'Rejected a malformed Telegram webhook request');
      return end(response, tooLarge ? 413 : 400, tooLarge ? { connection: 'close' } : {});
    }
    try {
      await this.options.handle(update);
    } catch (error) {
      this.options.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Storing a Telegram update failed; answering 500 so Telegram retries');
      return end(response, 500);
    }
    end(response, 200);
  }
}

function end(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-length': '0', ...headers });
  response.end();
}
