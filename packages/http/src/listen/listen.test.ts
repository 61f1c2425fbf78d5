import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listen } from './listen.js';

/** GET `/` over a Unix socket, with node:http (fetch cannot reach a socket). */
function getOverSocket(socketPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ socketPath, path: '/', method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('listen', () => {
  it('serves a fetch handler on a Unix socket', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'downcity-http-'));
    const socketPath = path.join(dir, 'control.sock');
    const listener = await listen({ socketPath, fetch: () => Response.json({ ok: true }) });
    try {
      expect(listener.url).toBe(`unix:${socketPath}`);
      expect(listener.port).toBeUndefined();
      expect(await getOverSocket(socketPath)).toEqual({ status: 200, body: '{"ok":true}' });
    } finally {
      await listener.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a request whose handler is still running finish before it closes the connections', async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const listener = await listen({
      fetch: async () => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return new Response('stored');
      },
    });
    const answer = fetch(listener.url).then(async (response) => ({ status: response.status, text: await response.text() }));
    await running;
    const closed = listener.close();
    await expect(fetch(listener.url)).rejects.toThrow();
    release();
    expect(await answer).toEqual({ status: 200, text: 'stored' });
    await closed;
  });
});
