import { get } from 'node:http';
import { ErrorCodes } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startConsoleAgent, type ConsoleAgent } from '../test/start-console-agent.js';
import { sessionCookieName } from './index.js';

/** Opens a sign-in link without following the redirect; answers the response and the cookie pair it set. */
async function signIn(harness: ConsoleAgent): Promise<{ cookie: string; setCookie: string }> {
  const response = await fetch(await harness.signInLink(), { redirect: 'manual' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/console/');
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

describe('the console on the agent\'s HTTP surface', () => {
  it('refuses pages and the API without a sign-in, and signs in once per link with a strict httpOnly cookie', async () => {
    await using harness = await startConsoleAgent();
    const page = await fetch(`${harness.consoleUrl}/sessions`);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Sign-in needed');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const api = await fetch(`${harness.consoleUrl}/api/health`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: 'SIGN_IN_REQUIRED', message: expect.stringContaining('downcity console') } });

    const link = await harness.signInLink();
    expect(link).toMatch(new RegExp(`^${harness.consoleUrl}/sign-in\\?token=[A-Za-z0-9_-]{43}$`));
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^downcity_console_${new URL(harness.origin).port}=[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('Path=/console');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Expires=');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');

    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${harness.consoleUrl}/sign-in?token=forged`, { redirect: 'manual' })).status).toBe(401);

    const cookie = setCookie.split(';')[0] ?? '';
    const health = await fetch(`${harness.consoleUrl}/api/health`, { headers: { cookie } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ model: { configured: true }, store: { reachable: true }, channels: [{ id: 'http', connected: true }, { id: 'web', connected: true }] });
    const app = await fetch(`${harness.consoleUrl}/sessions/some-id`, { headers: { cookie } });
    expect(app.status).toBe(200);
    expect(app.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await app.text()).toContain('<base href="/console/"');

    // A request for another host name (a rebound DNS name pointing at 127.0.0.1) is refused, cookie or not.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${harness.consoleUrl}/api/health`);
      get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: `evil.example:${url.port}`, cookie } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(rebound).toBe(403);

    // Neither the link token nor the cookie reaches the logs.
    const logged = JSON.stringify(harness.logLines);
    expect(logged).toContain('console served');
    expect(logged).not.toContain(new URL(link).searchParams.get('token'));
    expect(logged).not.toContain(cookie.split('=')[1]);
  });

  it('names the cookie after the port, so two agents on one machine keep their own sign-ins', () => {
    expect(sessionCookieName('http://127.0.0.1:8787/console/')).toBe('downcity_console_8787');
    expect(sessionCookieName('https://agent.example/console/')).toBe('downcity_console');
  });

  it('lists, filters, searches, shows and resets chat sessions, with tool calls in the history', async () => {
    await using harness = await startConsoleAgent();
    harness.model.enqueue({ toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Lisbon' } }] }, { text: 'It is sunny in Lisbon.' });
    expect(await harness.say('weather in Lisbon?', 'alice-chat')).toBe('It is sunny in Lisbon.');
    expect(await harness.say('hello there', 'bob-chat')).toBe('echo: hello there');
    const { cookie } = await signIn(harness);
    const get = async (path: string) => (await fetch(`${harness.consoleUrl}/api/${path}`, { headers: { cookie } })).json() as Promise<Record<string, unknown>>;

    const all = (await get('sessions')) as { sessions: { id: string; channels: string[]; route: { chatId: string } }[] };
    expect(all.sessions.map((session) => session.route.chatId).sort()).toEqual(['alice-chat', 'bob-chat']);
    expect(((await get('sessions?channel=http')) as typeof all).sessions).toHaveLength(2);
    expect(((await get('sessions?channel=telegram')) as typeof all).sessions).toHaveLength(0);
    expect(((await get('sessions?user=alice')) as typeof all).sessions.map((session) => session.route.chatId)).toEqual(['alice-chat']);
    expect(((await get('sessions?text=lisbon')) as typeof all).sessions.map((session) => session.route.chatId)).toEqual(['alice-chat']);

    const alice = all.sessions.find((session) => session.route.chatId === 'alice-chat')!;
    const detail = (await get(`sessions/${encodeURIComponent(alice.id)}`)) as { messages: { role: string; parts: Record<string, unknown>[] }[]; windowStart: number };
    expect(detail.windowStart).toBe(0);
    const parts = detail.messages.flatMap((message) => message.parts);
    expect(parts).toContainEqual({ type: 'tool-call', toolCallId: expect.any(String), toolName: 'weather_forecast', input: { city: 'Lisbon' } });
    expect(parts).toContainEqual(expect.objectContaining({ type: 'tool-result', toolName: 'weather_forecast' }));
    expect(parts).toContainEqual({ type: 'text', text: 'It is sunny in Lisbon.' });
    expect((await fetch(`${harness.consoleUrl}/api/sessions/nope`, { headers: { cookie } })).status).toBe(404);

    const { csrfToken } = (await get('me')) as { csrfToken: string };
    const reset = (headers: Record<string, string>) => fetch(`${harness.consoleUrl}/api/sessions/${encodeURIComponent(alice.id)}/reset`, { method: 'POST', headers: { cookie, ...headers } });
    const noToken = await reset({ origin: harness.origin });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    expect((await reset({ origin: 'http://evil.example', 'x-csrf-token': csrfToken })).status).toBe(403);
    expect((await reset({ 'x-csrf-token': csrfToken })).status).toBe(403);
    const done = await reset({ origin: harness.origin, 'x-csrf-token': csrfToken });
    expect(done.status).toBe(200);
    const after = (await get(`sessions/${encodeURIComponent(alice.id)}`)) as { messages: unknown[]; windowStart: number };
    expect(after.windowStart).toBe(after.messages.length);
    expect(after.messages).toHaveLength(detail.messages.length);
  });

  it('signs out: the cookie stops working; the link action is for the operator only', async () => {
    await using harness = await startConsoleAgent();
    const { cookie } = await signIn(harness);
    const { csrfToken } = (await (await fetch(`${harness.consoleUrl}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const out = await fetch(`${harness.consoleUrl}/api/sign-out`, { method: 'POST', headers: { cookie, origin: harness.origin, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^downcity_console_\d+=; Max-Age=0; Path=\/console/);
    expect((await fetch(`${harness.consoleUrl}/api/health`, { headers: { cookie } })).status).toBe(401);
    await expect(harness.agent.invoke('console/sign-in-link', {}, { principal: { id: 'telegram:42' } })).rejects.toMatchObject({ code: ErrorCodes.DENIED });
  });
});

describe('pairing requests in the console', () => {
  it('lists a pairing request and approves it as the operator; the user is answered afterwards', async () => {
    await using harness = await startConsoleAgent({ auth: true });
    const { token } = await harness.agent.invoke('chat/http-token-create', { user: 'mallory' });
    const refusal = await harness.say('let me in', 'mallory-chat', token);
    const code = /pairing code: ([A-Z2-9]{8})/.exec(refusal)?.[1];
    expect(code).toBeDefined();
    const { cookie } = await signIn(harness);
    const { csrfToken } = (await (await fetch(`${harness.consoleUrl}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const post = (path: string, body?: unknown) =>
      fetch(`${harness.consoleUrl}/api/${path}`, { method: 'POST', headers: { cookie, origin: harness.origin, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });

    expect(await (await fetch(`${harness.consoleUrl}/api/pairing`, { headers: { cookie } })).json()).toEqual({
      pending: [{ code, principalId: 'http:mallory', channel: 'http', createdAt: expect.any(Number), expiresAt: expect.any(Number) }],
    });
    const unknown = await post('pairing/ZZZZZZZZ/approve');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('No pending pairing request') } });
    const approved = await post(`pairing/${code}/approve`);
    expect(await approved.json()).toEqual({ principalId: 'http:mallory', role: expect.any(String) });
    expect(await (await fetch(`${harness.consoleUrl}/api/pairing`, { headers: { cookie } })).json()).toEqual({ pending: [] });
    expect(await harness.say('let me in', 'mallory-chat', token)).toBe('echo: let me in');
  });

  it('denies a pairing request; the API says so when the auth plugin is missing', async () => {
    await using harness = await startConsoleAgent({ auth: true });
    const { token } = await harness.agent.invoke('chat/http-token-create', { user: 'eve' });
    await harness.say('hi', 'eve-chat', token);
    const { cookie } = await signIn(harness);
    const { csrfToken } = (await (await fetch(`${harness.consoleUrl}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const deny = (body: unknown) =>
      fetch(`${harness.consoleUrl}/api/pairing/deny`, { method: 'POST', headers: { cookie, origin: harness.origin, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await deny({})).status).toBe(400);
    expect(await (await deny({ principalId: 'http:eve' })).json()).toEqual({ denied: true });
    expect(await (await fetch(`${harness.consoleUrl}/api/pairing`, { headers: { cookie } })).json()).toEqual({ pending: [] });

    await using plain = await startConsoleAgent();
    const signedIn = await signIn(plain);
    expect(await (await fetch(`${plain.consoleUrl}/api/pairing`, { headers: { cookie: signedIn.cookie } })).json()).toEqual({ pending: null });
  });
});
