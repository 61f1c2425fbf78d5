import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RequestLifetime } from '../fake-openai/request-lifetime.js';

/** How a fake answers one request; `lifetime` ends when the client goes away or the server closes. */
export type FakeRequestHandler = (request: IncomingMessage, response: ServerResponse, lifetime: RequestLifetime) => Promise<void>;

/** A running loopback server of a protocol fake. */
export interface LoopbackServer {
  /** `host:port` as a URL authority (IPv6 in brackets), e.g. `127.0.0.1:41234`. */
  readonly authority: string;
  /** Ends every request's lifetime, drops open connections and stops listening; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server every protocol fake shares: one lifetime per request (so a streaming answer
 * stops when the client disconnects or the fake closes), open sockets tracked so `close()` never
 * waits on a keep-alive connection, and a handler failure answered by `onFailure` (or the connection
 * dropped when the answer had already begun).
 */
export async function startLoopbackServer(options: {
  host?: string | undefined;
  port?: number | undefined;
  handle: FakeRequestHandler;
  onFailure: (response: ServerResponse, error: unknown) => void;
}): Promise<LoopbackServer> {
  const serverClosing = new AbortController();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const requestEnded = new AbortController();
    response.on('close', () => requestEnded.abort());
    const lifetime = new RequestLifetime(AbortSignal.any([requestEnded.signal, serverClosing.signal]));
    options.handle(request, response, lifetime).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else options.onFailure(response, error);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    authority: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        serverClosing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
}
