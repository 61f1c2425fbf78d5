import { lookup as dnsLookup } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Logger } from '@downcity/core';
import { decideEgress, matchEgress, normalizeHost, type EgressRule, type EgressVerdict } from './egress-hosts.js';

/** Options of {@link startEgressProxy}. */
export interface EgressProxyOptions {
  /** The plugin id, for log lines. */
  pluginId: string;
  /** The parsed host list (`parseEgressHosts`). */
  rules: readonly EgressRule[];
  /** Where denials are logged (host and port only: no path, header or body). */
  logger: Logger;
  /** Resolves a host name to its addresses (default: the system resolver, `dns.lookup` with `all`). */
  lookup?: (host: string) => Promise<string[]>;
}

/** A running egress proxy. */
export interface EgressProxy {
  /** The Unix socket it listens on, in a private (0700) temporary folder. */
  socketPath: string;
  /** Stops listening, ends every connection through it and removes its folder. */
  close(): Promise<void>;
}

/** Headers that belong to one hop and are not forwarded (RFC 9110 §7.6.1), plus the proxy's own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

async function systemLookup(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, order: 'verbatim' })).map((entry) => entry.address);
}

/** Splits a CONNECT target `host:port` / `[v6]:port`. */
function authority(target: string): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(target);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535 ? { host: normalizeHost(match[1] as string), port } : undefined;
}

/**
 * Starts the egress proxy of one isolated plugin host (decision 0028): an HTTP proxy on a Unix socket that the
 * host, inside a network namespace with no route out, reaches through a small bridge. It tunnels `CONNECT
 * host:port` (TLS, or any TCP) and forwards plain `http://` requests in absolute form, and only to destinations
 * the package's `permissions.network` declares ({@link decideEgress}): a host name is resolved here once and
 * the checked address is the one connected to, and a name leading to a loopback, link-local or private address
 * is refused (only a declared IP address or `localhost` reaches those). Anything else is answered
 * `403 Forbidden` with a body naming the host, and logged (host and port only).
 *
 * Built on node:http's `connect` event and `http.request`: the transport is a few dozen lines, and the policy
 * (which host, which address) is ours whatever proxy library would carry it (decision 0028 says why not one).
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const { rules, logger, pluginId } = options;
  const lookup = options.lookup ?? systemLookup;
  const folder = await mkdtemp(path.join(tmpdir(), 'downcity-egress-'));
  const socketPath = path.join(folder, 'proxy.sock');
  const open = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const decide = async (host: string, port: number): Promise<EgressVerdict | { allow: false; reason: 'unresolved'; message: string }> => {
    if (net.isIP(host) !== 0) return decideEgress(rules, host, port, []);
    if (!matchEgress(rules, host, port)) return decideEgress(rules, host, port, []);
    try {
      return decideEgress(rules, host, port, await lookup(host));
    } catch (error) {
      return { allow: false, reason: 'unresolved', message: `${host}:${port} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
    }
  };
  const denied = (host: string, port: number, reason: string, message: string): void => {
    logger.warn({ plugin: pluginId, host, port, reason }, `egress proxy refused a connection of isolated plugin "${pluginId}": ${message}`);
  };

  const server = http.createServer((request, response) => {
    void forward(request, response);
  });
  server.on('connection', track);

  async function forward(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(request.url ?? '');
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('This is an egress proxy: send CONNECT host:port, or an absolute http:// URL.\n');
      return;
    }
    if (url.protocol !== 'http:') {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(`The egress proxy forwards only http:// URLs; use CONNECT for ${url.protocol} (HTTPS_PROXY).\n`);
      return;
    }
    const host = normalizeHost(url.hostname);
    const port = url.port === '' ? 80 : Number(url.port);
    const verdict = await decide(host, port);
    if (!verdict.allow) {
      denied(host, port, verdict.reason, verdict.message);
      response.writeHead(verdict.reason === 'unresolved' ? 502 : 403, { 'content-type': 'text/plain' }).end(`${verdict.message}\n`);
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
    headers.host = url.host;
    const upstream = http.request({ host: verdict.address, port, method: request.method, path: `${url.pathname}${url.search}`, headers, agent: false, setHost: false });
    upstream.on('socket', track);
    upstream.on('response', (answer) => {
      const back: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_HEADERS.has(name) && value !== undefined) back[name] = value;
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, back);
      answer.pipe(response);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end(`The egress proxy could not reach ${url.host}: ${error.code ?? error.message}.\n`);
      else response.destroy();
    });
    request.pipe(upstream);
  }

  server.on('connect', (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const target = authority(request.url ?? '');
    if (!target) {
      client.end('HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nCONNECT needs host:port.\n');
      return;
    }
    void decide(target.host, target.port).then((verdict) => {
      if (!verdict.allow) {
        denied(target.host, target.port, verdict.reason, verdict.message);
        const body = `${verdict.message}\n`;
        const status = verdict.reason === 'unresolved' ? '502 Bad Gateway' : '403 Forbidden';
        client.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return;
      }
      const upstream = net.connect({ host: verdict.address, port: target.port });
      track(upstream);
      let established = false;
      upstream.once('connect', () => {
        established = true;
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!established && !client.destroyed) {
          const body = `The egress proxy could not reach ${request.url}: ${error.code ?? error.message}.\n`;
          client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        } else client.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => {
        if (established) client.end();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    socketPath,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      server.closeAllConnections();
      await closed;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
