import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DowncityError, ErrorCodes } from '@downcity/core';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';

/** A fetch handler as `@hono/node-server` calls it: the request plus the Node request and response (Hono's `c.env`). */
export type NodeFetchHandler = (request: Request, bindings: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/** Where and what {@link listen} serves. */
export interface ListenOptions {
  /** The handler, usually a Hono app's `fetch`. */
  fetch: NodeFetchHandler;
  /** TCP interface. Default `127.0.0.1`. Ignored with `socketPath`. */
  host?: string;
  /** TCP port; 0 picks a free one. Default 0. Ignored with `socketPath`. */
  port?: number;
  /** A Unix socket to listen on instead of TCP (the CLI's control socket). */
  socketPath?: string;
  /** A client must send all headers within this time, else 408. Default 10 s. */
  headersTimeoutMs?: number;
  /** A client must send the whole request within this time, else 408. Default 60 s. Answers may take longer. */
  requestTimeoutMs?: number;
  /** What the listener serves, for the error when the address is taken, e.g. `the HTTP channel`. */
  serves?: string;
  /**
   * Lets several processes listen on the same TCP host and port, the kernel spreading connections among them
   * (`SO_REUSEPORT`; Linux and Node.js >= 22.12). The CLI sets it for the workers of a cluster on one host.
   * Default false. Ignored with `socketPath`.
   */
  reusePort?: boolean;
}

/** A running listener. */
export interface Listener {
  /** `http://<host>:<port>` with the bound port, or `unix:<path>` for a socket. */
  readonly url: string;
  /** The bound TCP port; undefined for a socket. */
  readonly port: number | undefined;
  /**
   * Stops accepting connections and closes idle ones, lets requests whose handler is still running finish
   * (up to `graceMs`, default 10 s), then closes every connection, open streams included.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

const DEFAULT_GRACE_MS = 10_000;

function originOf(server: Server): { url: string; port: number } {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, port: address.port };
}

async function bind(server: Server, options: ListenOptions): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (options.socketPath !== undefined) server.listen(options.socketPath, done);
    else server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1', ...(options.reusePort ? { reusePort: true } : {}) }, done);
  }).catch((error: unknown) => {
    const where = options.socketPath ?? `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `the address is in use${options.reusePort ? ' by a process that does not share it (only workers started with reusePort do)' : ''}`
        : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Cannot listen on ${where}${options.serves ? ` for ${options.serves}` : ''}: ${why}. Stop whatever uses it, or pick another port (http.port, or the route's own port setting).`, {
      cause: error,
      details: { address: where, ...(code ? { errno: code } : {}) },
    });
  });
}

/**
 * Serves a fetch handler on `@hono/node-server`: on a TCP host and port, or on a Unix socket. Slow clients are
 * cut off by header and request timeouts; a handler's answer may take as long as it needs (streamed replies).
 */
export async function listen(options: ListenOptions): Promise<Listener> {
  const inFlight = new Set<Promise<unknown>>();
  const fetch: NodeFetchHandler = (request, bindings) => {
    const answer = options.fetch(request, bindings);
    if (answer instanceof Promise) {
      inFlight.add(answer);
      const settle = (): void => void inFlight.delete(answer);
      answer.then(settle, settle);
    }
    return answer;
  };
  const requestTimeout = options.requestTimeoutMs ?? 60_000;
  const server = createAdaptorServer({
    fetch,
    serverOptions: { keepAliveTimeout: 5_000, requestTimeout, headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout) },
  }) as Server;
  await bind(server, options);
  const origin = options.socketPath === undefined ? originOf(server) : { url: `unix:${options.socketPath}`, port: undefined };
  let closing: Promise<void> | undefined;
  return {
    url: origin.url,
    port: origin.port,
    close({ graceMs = DEFAULT_GRACE_MS } = {}) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled(inFlight), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
