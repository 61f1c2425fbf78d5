import { createServer } from 'node:net';
import { DowncityError, ErrorCodes, type HttpSurface } from '@downcity/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouteApp } from '../app/create-route-app.js';
import { remoteAddress } from '../app/remote-address.js';
import { createHttpSurface } from './create-http-surface.js';

let surface: HttpSurface | undefined;
afterEach(async () => {
  await surface?.close();
  surface = undefined;
});

/** A route handler that answers with its name and the path it saw. */
const answering = (name: string) => (request: Request) => Response.json({ name, path: new URL(request.url).pathname });

/** A free TCP port on 127.0.0.1 (bound and released again). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createHttpSurface', () => {
  it('serves every route on one port: the longest prefix wins and the handler sees the full URL', async () => {
    surface = createHttpSurface({ port: await freePort() });
    const channel = await surface.mount({ name: 'the HTTP channel', path: '/', fetch: answering('channel') });
    const webhook = await surface.mount({ name: 'the telegram webhook', path: '/telegram/webhook', fetch: answering('telegram') });
    const console = await surface.mount({ name: 'the console', path: '/console', fetch: answering('console') });
    expect(new Set([channel.url, webhook.url, console.url]).size).toBe(1);
    const get = async (path: string) => (await fetch(`${channel.url}${path}`)).json();
    expect(await get('/v1/messages')).toEqual({ name: 'channel', path: '/v1/messages' });
    expect(await get('/telegram/webhook')).toEqual({ name: 'telegram', path: '/telegram/webhook' });
    expect(await get('/telegram/webhook/deeper')).toEqual({ name: 'telegram', path: '/telegram/webhook/deeper' });
    expect(await get('/telegram/webhooks')).toEqual({ name: 'channel', path: '/telegram/webhooks' });
    expect(await get('/console/sessions')).toEqual({ name: 'console', path: '/console/sessions' });
  });

  it('answers an unserved path with a JSON 404 naming what is served', async () => {
    surface = createHttpSurface({ port: 0 });
    const route = await surface.mount({ name: 'the console', path: '/console', fetch: answering('console') });
    const response = await fetch(`${route.url}/elsewhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /elsewhere. Served here: /console.' } });
  });

  it('shares one free port among its routes when its own port is 0', async () => {
    surface = createHttpSurface({ port: 0 });
    const a = await surface.mount({ name: 'a', path: '/a', fetch: answering('a') });
    const b = await surface.mount({ name: 'b', path: '/b', fetch: answering('b') });
    expect(b.url).toBe(a.url);
    expect(a.url).not.toMatch(/:0$/);
    expect(await (await fetch(`${a.url}/b`)).json()).toEqual({ name: 'b', path: '/b' });
  });

  it('gives a route with a port of its own a listener of its own, and port-0 routes one each', async () => {
    surface = createHttpSurface({ port: await freePort() });
    const shared = await surface.mount({ name: 'a', path: '/a', fetch: answering('a') });
    const own = await surface.mount({ name: 'b', path: '/b', fetch: answering('b'), port: 0 });
    const another = await surface.mount({ name: 'c', path: '/b', fetch: answering('c'), port: 0 });
    expect(own.url).not.toBe(shared.url);
    expect(another.url).not.toBe(own.url);
    expect(await (await fetch(`${own.url}/b`)).json()).toEqual({ name: 'b', path: '/b' });
    expect(await (await fetch(`${another.url}/b`)).json()).toEqual({ name: 'c', path: '/b' });
    expect((await fetch(`${own.url}/a`)).status).toBe(404);
  });

  it('shares the listener with a route that names the surface address as its own', async () => {
    const port = await freePort();
    surface = createHttpSurface({ port });
    const first = await surface.mount({ name: 'a', path: '/a', fetch: answering('a') });
    const second = await surface.mount({ name: 'b', path: '/b', fetch: answering('b'), host: '127.0.0.1', port });
    expect(second.url).toBe(first.url);
  });

  it('refuses two routes with the same path on one address, naming both', async () => {
    surface = createHttpSurface({ port: await freePort() });
    await surface.mount({ name: 'the telegram webhook', path: '/hooks', fetch: answering('a') });
    const refused = await surface.mount({ name: 'the QQ webhook', path: '/hooks', fetch: answering('b') }).catch((error: unknown) => error);
    expect(DowncityError.is(refused, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect((refused as Error).message).toContain('the QQ webhook and the telegram webhook both want the path /hooks');
  });

  it('refuses paths that are not plain prefixes', async () => {
    surface = createHttpSurface();
    for (const path of ['hooks', '/hooks/', '/hooks/*', '/users/:id']) {
      await expect(surface.mount({ name: 'x', path, fetch: answering('x') })).rejects.toThrow(/not a plain path prefix/);
    }
  });

  it('opens a listener with its first route, closes it with its last, and opens it again on the next mount', async () => {
    const port = await freePort();
    surface = createHttpSurface({ port });
    const url = `http://127.0.0.1:${port}`;
    await expect(fetch(url)).rejects.toThrow();
    const a = await surface.mount({ name: 'a', path: '/a', fetch: answering('a') });
    const b = await surface.mount({ name: 'b', path: '/b', fetch: answering('b') });
    await a.unmount();
    expect((await fetch(`${url}/a`)).status).toBe(404);
    expect((await fetch(`${url}/b`)).status).toBe(200);
    await b.unmount();
    await expect(fetch(`${url}/b`)).rejects.toThrow();
    const again = await surface.mount({ name: 'b', path: '/b', fetch: answering('b') });
    expect((await fetch(`${again.url}/b`)).status).toBe(200);
  });

  it('says which address is taken and by which route when it cannot listen', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      surface = createHttpSurface({ port });
      const refused = await surface.mount({ name: 'the HTTP channel', path: '/', fetch: answering('x') }).catch((error: unknown) => error);
      expect(DowncityError.is(refused, ErrorCodes.CONFIG_INVALID)).toBe(true);
      expect((refused as Error).message).toContain(`Cannot listen on 127.0.0.1:${port} for the HTTP channel: the address is in use.`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('shares its port with another surface when both listen with reusePort, and refuses one that does not', async () => {
    const port = await freePort();
    surface = createHttpSurface({ port, reusePort: true });
    const other = createHttpSurface({ port, reusePort: true });
    const plain = createHttpSurface({ port });
    try {
      const first = await surface.mount({ name: 'worker 1', path: '/', fetch: answering('worker 1') });
      const second = await other.mount({ name: 'worker 2', path: '/', fetch: answering('worker 2') });
      expect(second.url).toBe(first.url);
      const refused = await plain.mount({ name: 'a single agent', path: '/', fetch: answering('single') }).catch((error: unknown) => error);
      expect((refused as Error).message).toContain(`Cannot listen on 127.0.0.1:${port} for a single agent: the address is in use.`);
      // The port stays served while one of the sharing listeners is open.
      await surface.close();
      expect(await (await fetch(`${first.url}/`)).json()).toEqual({ name: 'worker 2', path: '/' });
    } finally {
      await Promise.all([other.close(), plain.close()]);
    }
  });

  it('passes the Node request on to route apps (Hono c.env), e.g. for the client address', async () => {
    surface = createHttpSurface({ port: 0 });
    const app = createRouteApp();
    app.get('/who', (c) => c.json({ remote: remoteAddress(c) }));
    const route = await surface.mount({ name: 'who', path: '/who', fetch: app.fetch });
    expect(await (await fetch(`${route.url}/who`)).json()).toEqual({ remote: '127.0.0.1' });
  });

  it('closes every listener on close(), streams still open included', async () => {
    surface = createHttpSurface({ port: 0 });
    const route = await surface.mount({ name: 'stream', path: '/stream', fetch: () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('first')) })) });
    const response = await fetch(`${route.url}/stream`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    await surface.close();
    await expect(reader.read()).rejects.toThrow();
    await expect(fetch(`${route.url}/stream`)).rejects.toThrow();
  });
});
