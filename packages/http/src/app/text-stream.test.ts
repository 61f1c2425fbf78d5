import { request } from 'node:http';
import type { HttpSurface } from '@downcity/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSurface } from '../surface/create-http-surface.js';
import { createRouteApp } from './create-route-app.js';
import { openTextStream, type TextStream } from './text-stream.js';

let surface: HttpSurface | undefined;
afterEach(async () => {
  await surface?.close();
  surface = undefined;
});

/** An app whose `/events` answer is a text stream the test writes to. */
function streamingApp() {
  const streams: TextStream[] = [];
  const cancelled: number[] = [];
  const app = createRouteApp();
  app.get('/events', (c) => {
    const stream = openTextStream(c, { headers: { 'content-type': 'text/event-stream; charset=utf-8' }, onCancel: () => cancelled.push(streams.indexOf(stream)) });
    streams.push(stream);
    stream.write('event: accepted\ndata: {}\n\n');
    return stream.response;
  });
  return { app, streams, cancelled };
}

describe('openTextStream', () => {
  it('streams text with its headers and the request id when served by the surface', async () => {
    const { app, streams } = streamingApp();
    surface = createHttpSurface({ port: 0 });
    const route = await surface.mount({ name: 'events', path: '/events', fetch: app.fetch });
    const response = await fetch(`${route.url}/events`, { headers: { 'x-request-id': 'stream-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('stream-1');
    const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('event: accepted\ndata: {}\n\n');
    streams[0]?.write('event: delta\ndata: {"text":"hi"}\n\n');
    expect((await reader.read()).value).toBe('event: delta\ndata: {"text":"hi"}\n\n');
    streams[0]?.end('event: done\ndata: {}\n\n');
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read()) rest += part.value;
    expect(rest).toBe('event: done\ndata: {}\n\n');
  });

  it('tells when the client leaves before the end, and ignores writes after that', async () => {
    const { app, streams, cancelled } = streamingApp();
    surface = createHttpSurface({ port: 0 });
    const route = await surface.mount({ name: 'events', path: '/events', fetch: app.fetch });
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(`${route.url}/events`, (response) => {
        response.once('data', () => {
          response.destroy();
          resolve();
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    await expect.poll(() => cancelled).toEqual([0]);
    streams[0]?.write('too late');
    streams[0]?.end('gone');
  });

  it('falls back to a web stream body outside @hono/node-server', async () => {
    const { app, streams } = streamingApp();
    const response = await app.request('/events');
    streams[0]?.end('event: done\ndata: {}\n\n');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.text()).toBe('event: accepted\ndata: {}\n\nevent: done\ndata: {}\n\n');
  });
});
