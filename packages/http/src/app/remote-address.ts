import type { Context } from 'hono';

/**
 * The client's IP address, for logs, when the request came through `@hono/node-server` (the surface passes the
 * Node request on as `c.env.incoming`); undefined otherwise. Behind a reverse proxy this is the proxy's.
 */
export function remoteAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming: { socket?: { remoteAddress?: string } } }).incoming;
  return incoming.socket?.remoteAddress;
}
