import { existsSync } from 'node:fs';
import http from 'node:http';
import { openResources, recordingLogger, resourcesLeftOpen, type RecordedLine } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEgressHosts, startEgressProxy, type EgressProxy } from '../src/index.js';

let baseline: Record<string, number>;
let servers: http.Server[] = [];
let proxy: EgressProxy | undefined;
let lines: RecordedLine[];

beforeEach(() => {
  baseline = openResources();
  lines = [];
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
  expect(await resourcesLeftOpen(baseline)).toEqual({});
});

async function server(): Promise<number> {
  const created = http.createServer((request, response) => response.end(`${request.method} ${request.url} host=${request.headers.host}`));
  servers.push(created);
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return (created.address() as { port: number }).port;
}

async function start(hosts: string[], lookup?: (host: string) => Promise<string[]>): Promise<EgressProxy> {
  proxy = await startEgressProxy({ pluginId: 'p', rules: parseEgressHosts(hosts), logger: recordingLogger(lines), ...(lookup ? { lookup } : {}) });
  return proxy;
}

/** A plain http:// request in absolute form through the proxy's socket. */
function forwarded(socketPath: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: url, headers: { host: new URL(url).host } }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(`${response.statusCode} ${body.trim()}`));
      })
      .on('error', reject);
  });
}

/** `CONNECT target`, then (when tunnelled) a GET through the tunnel. */
function tunnelled(socketPath: string, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath, method: 'CONNECT', path: target });
    request.on('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        let body = head.toString('utf8');
        socket.setEncoding('utf8').on('data', (chunk) => (body += chunk));
        socket.on('end', () => resolve(`${response.statusCode} ${body.trim()}`));
        return;
      }
      let raw = '';
      socket.setEncoding('utf8').on('data', (chunk) => (raw += chunk));
      socket.on('end', () => resolve(`200 ${raw.split('\r\n\r\n')[1] ?? ''}`));
      socket.write(`GET /through HTTP/1.1\r\nhost: ${target}\r\nconnection: close\r\n\r\n`);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the egress proxy', () => {
  it('tunnels and forwards to a declared address, and refuses an undeclared port with 403 naming it', async () => {
    const declared = await server();
    const undeclared = await server();
    const { socketPath } = await start([`127.0.0.1:${declared}`]);
    expect(await tunnelled(socketPath, `127.0.0.1:${declared}`)).toBe(`200 GET /through host=127.0.0.1:${declared}`);
    expect(await forwarded(socketPath, `http://127.0.0.1:${declared}/x?y=1`)).toBe(`200 GET /x?y=1 host=127.0.0.1:${declared}`);
    const refusal = `403 127.0.0.1:${undeclared} is not declared in the package's permissions.network (declared: 127.0.0.1:${declared}).`;
    expect(await tunnelled(socketPath, `127.0.0.1:${undeclared}`)).toBe(refusal);
    expect(await forwarded(socketPath, `http://127.0.0.1:${undeclared}/secret-path?token=abc`)).toBe(refusal);
    const denials = lines.filter((line) => line.level === 'warn');
    expect(denials.map((line) => line.fields)).toEqual([
      { plugin: 'p', host: '127.0.0.1', port: undeclared, reason: 'undeclared' },
      { plugin: 'p', host: '127.0.0.1', port: undeclared, reason: 'undeclared' },
    ]);
    expect(JSON.stringify(denials)).not.toContain('token=abc');
  });

  it('a declared name that resolves to loopback is refused (DNS rebinding); localhost is allowed', async () => {
    const port = await server();
    // A resolver answering as a rebinding attacker's DNS server would.
    const { socketPath } = await start([`rebind.test:${port}`], async () => ['127.0.0.1']);
    expect(await tunnelled(socketPath, `rebind.test:${port}`)).toBe(
      `403 rebind.test:${port} resolves to 127.0.0.1, a loopback, link-local or private address; only a declared IP address (or localhost) may reach those.`,
    );
    expect(await forwarded(socketPath, `http://rebind.test:${port}/`)).toContain('403 rebind.test');
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.fields)).toEqual([
      { plugin: 'p', host: 'rebind.test', port, reason: 'private-address' },
      { plugin: 'p', host: 'rebind.test', port, reason: 'private-address' },
    ]);
    // localhost, resolved by the system, reaches the server; the Host header stays the one asked for.
    const viaSystem = await startEgressProxy({ pluginId: 'p', rules: parseEgressHosts([`localhost:${port}`]), logger: recordingLogger(lines) });
    try {
      expect(await forwarded(viaSystem.socketPath, `http://localhost:${port}/`)).toBe(`200 GET / host=localhost:${port}`);
    } finally {
      await viaSystem.close();
    }
  });

  it('answers 502 with the reason when a declared destination is down, and removes its socket on close', async () => {
    const port = await server();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const started = await start([`127.0.0.1:${port}`]);
    expect(await tunnelled(started.socketPath, `127.0.0.1:${port}`)).toBe(`502 The egress proxy could not reach 127.0.0.1:${port}: ECONNREFUSED.`);
    expect(await forwarded(started.socketPath, `http://127.0.0.1:${port}/`)).toBe(`502 The egress proxy could not reach 127.0.0.1:${port}: ECONNREFUSED.`);
    expect(existsSync(started.socketPath)).toBe(true);
    await started.close();
    proxy = undefined;
    expect(existsSync(started.socketPath)).toBe(false);
  });
});
