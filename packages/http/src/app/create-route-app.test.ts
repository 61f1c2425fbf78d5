import { recordingLogger } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { listen, type Listener } from '../listen/listen.js';
import { bearerCredential } from '../middleware/bearer-credential.js';
import { limitBody } from '../middleware/limit-body.js';
import { requireJson } from '../middleware/require-json.js';
import { HttpProblem } from '../problem/http-problem.js';
import { createRouteApp } from './create-route-app.js';

/** Serves `app` on a loopback port for the test (closed by `await using`). */
async function serve(app: { fetch: Parameters<typeof listen>[0]['fetch'] }): Promise<Listener & AsyncDisposable> {
  const listener = await listen({ fetch: app.fetch });
  return Object.assign(listener, { [Symbol.asyncDispose]: () => listener.close() });
}

function exampleApp() {
  const logger = recordingLogger();
  const app = createRouteApp<{ identity: string }>({ logger });
  app.get('/open', (c) => c.json({ requestId: c.get('requestId') }));
  app.post('/fail', () => {
    throw new Error('database password is hunter2');
  });
  app.use(
    '/private/*',
    bearerCredential<string>({
      verify: (credential) => {
        if (credential !== 'right') throw new HttpProblem({ status: 401, code: 'UNAUTHORIZED', message: 'Wrong bearer token.' });
        return 'alice';
      },
    }),
  );
  app.post('/private/echo', requireJson(), limitBody({ maxBytes: 64 }), async (c) => c.json({ identity: c.get('identity'), body: await c.req.json() }));
  app.get('/private/problem', () => {
    throw new HttpProblem({ status: 400, code: 'INVALID_REQUEST', message: 'limit must be a whole number.', fields: [{ path: 'limit', message: 'must be a whole number' }], headers: { 'retry-after': '5' } });
  });
  return { app, logger };
}

describe('createRouteApp', () => {
  it('gives every answer a request id: the client\'s when it is valid, else a fresh one', async () => {
    await using server = await serve(exampleApp().app);
    const fresh = await fetch(`${server.url}/open`);
    const id = fresh.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect((await fetch(`${server.url}/open`)).headers.get('x-request-id')).not.toBe(id);
    expect(await fresh.json()).toEqual({ requestId: id });
    const given = await fetch(`${server.url}/open`, { headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const forged = await fetch(`${server.url}/open`, { headers: { 'x-request-id': 'has spaces\tand tabs' } });
    expect(forged.headers.get('x-request-id')).not.toContain('spaces');
  });

  it('turns a thrown HttpProblem into its JSON body, status and headers', async () => {
    await using server = await serve(exampleApp().app);
    const response = await fetch(`${server.url}/private/problem`, { headers: { authorization: 'Bearer right' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({ error: { code: 'INVALID_REQUEST', message: 'limit must be a whole number.', fields: [{ path: 'limit', message: 'must be a whole number' }] } });
  });

  it('logs an unexpected failure with its request id and answers 500 without its details', async () => {
    const { app, logger } = exampleApp();
    await using server = await serve(app);
    const response = await fetch(`${server.url}/fail`, { method: 'POST' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining(String(response.headers.get('x-request-id'))) } });
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'error', message: 'HTTP request failed', fields: expect.objectContaining({ requestId: response.headers.get('x-request-id'), path: '/fail' }) })]);
  });

  it('answers 405 with Allow for a known path and the wrong method, 404 for an unknown path', async () => {
    await using server = await serve(exampleApp().app);
    const wrong = await fetch(`${server.url}/open`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect(await wrong.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET for this path.' } });
    const unknown = await fetch(`${server.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nowhere.' } });
  });

  it('checks bearer credentials: missing, malformed and refused ones are 401 with WWW-Authenticate', async () => {
    await using server = await serve(exampleApp().app);
    const post = (headers: Record<string, string>) => fetch(`${server.url}/private/echo`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"a":1}' });
    for (const [headers, message] of [
      [{}, 'Missing bearer token: send "Authorization: Bearer <token>".'],
      [{ authorization: 'Basic abc' }, 'Malformed Authorization header: expected "Bearer <token>".'],
      [{ authorization: 'Bearer wrong' }, 'Wrong bearer token.'],
    ] as const) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message } });
    }
    expect(await (await post({ authorization: 'bearer   right ' })).json()).toEqual({ identity: 'alice', body: { a: 1 } });
  });

  it('refuses a non-JSON content type with 415 and a body over the limit with 413, declared or chunked', async () => {
    await using server = await serve(exampleApp().app);
    const headers = { authorization: 'Bearer right', 'content-type': 'application/json' };
    const form = await fetch(`${server.url}/private/echo`, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: 'hi' });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as JSON ("content-type: application/json"), not "text/plain".' } });
    const declared = await fetch(`${server.url}/private/echo`, { method: 'POST', headers, body: JSON.stringify({ text: 'x'.repeat(100) }) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than 64 bytes.' } });
    const chunked = await fetch(`${server.url}/private/echo`, {
      method: 'POST',
      headers,
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 4; index++) controller.enqueue(new TextEncoder().encode(`"${'x'.repeat(30)}"`));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const small = await fetch(`${server.url}/private/echo`, { method: 'POST', headers, body: '{"ok":true}' });
    expect(await small.json()).toEqual({ identity: 'alice', body: { ok: true } });
  });
});
