import { createMemoryStore, type Agent } from '@downcity/core';
import { startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { startChatAgent } from '../../../test/start-chat-agent.js';
import { signUserAssertion } from './credentials/sign-user-assertion.js';
import { httpChannel } from './http-channel.js';

const TOKEN = 'test-token-123456';
const ASSERTION_SECRET = 'http-channel-test-assertion-secret-0123456789';

/** The headers of a request made as `user`, with an assertion the test backend signed. */
async function as(user: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signUserAssertion({ secret: ASSERTION_SECRET, user })}` };
}

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: (eventLine ?? '').slice('event: '.length), data: JSON.parse((dataLine ?? '').slice('data: '.length)) as Record<string, unknown> };
    });
}

async function urlOf(agent: Agent): Promise<string> {
  const { channels } = await agent.invoke('chat/channels', {});
  return String(channels.find((channel) => channel.id === 'http')?.info.url);
}

async function startHttpAgent(options: { model?: unknown; store?: ReturnType<typeof createMemoryStore>; maxBodyBytes?: number } = {}) {
  const chat = await startChatAgent({
    chat: { channels: [httpChannel] },
    config: { channels: { http: { token: TOKEN, assertions: { secret: ASSERTION_SECRET }, port: 0, ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}) } } },
    ...(options.model ? { model: options.model as never } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const url = await urlOf(chat.agent);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { ...chat, url, post };
}

describe('the HTTP channel', () => {
  it('streams the reply of the real OpenAI-compatible provider as SSE, then a done event with the full text', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'x' });
    fake.enqueue({ text: 'Hello there, this reply arrives in several pieces.' });
    await using http = await startHttpAgent({ model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake', apiKey: 'x' } });
    const response = await http.post({ text: 'hi', sessionKey: 'web-1', user: { id: 'alice', displayName: 'Alice' }, messageId: 'msg-1' }, await as('alice'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await response.text());
    expect(events[0]).toEqual({ event: 'accepted', data: { messageId: 'msg-1', sessionId: 'chat:http:default:web-1:alice' } });
    const deltas = events.filter((event) => event.event === 'delta').map((event) => event.data.text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Hello there, this reply arrives in several pieces.');
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: { status: 'answered', messageId: 'msg-1', sessionId: 'chat:http:default:web-1:alice', text: 'Hello there, this reply arrives in several pieces.', replyMessageIds: [expect.any(String)] },
    });
    expect(fake.chatRequests[0]?.stream).toBe(true);
    expect(JSON.stringify(fake.chatRequests[0]?.messages)).toContain('hi');

    const history = await fetch(`${http.url}/v1/sessions/${encodeURIComponent('chat:http:default:web-1:alice')}/messages`, { headers: await as('alice') });
    expect(history.status).toBe(200);
    const body = (await history.json()) as { messages: { role: string; text: string; messageId?: string }[] };
    expect(body.messages.map((message) => [message.role, message.text])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello there, this reply arrives in several pieces.'],
    ]);
    expect(body.messages[0]?.messageId).toBe('msg-1');
  });

  it('answers with one JSON body for Accept: application/json', async () => {
    await using fake = await startFakeOpenAI();
    await using http = await startHttpAgent({ model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake', apiKey: 'x' } });
    const response = await http.post({ text: 'json please', chatId: 'app-7', user: 'bob' }, { accept: 'application/json', ...(await as('bob')) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'answered',
      messageId: expect.any(String),
      sessionId: 'chat:http:default:app-7:bob',
      text: 'echo: json please',
      replyMessageIds: [expect.any(String)],
    });
    expect(fake.chatRequests[0]?.stream).toBeFalsy();
  });

  it('refuses bad requests with a clear 4xx, stores nothing, and keeps serving', async () => {
    const store = createMemoryStore();
    await using http = await startHttpAgent({ store, maxBodyBytes: 2_048 });
    const good = { text: 'hello', sessionKey: 's' };

    const missing = await fetch(`${http.url}/v1/messages`, { method: 'POST', body: JSON.stringify(good) });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/Missing bearer token/);
    const wrong = await http.post(good, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Wrong bearer token.' } });

    const large = await http.post({ ...good, text: 'x'.repeat(5_000) });
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');

    const streamed = await fetch(`${http.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 10; index++) controller.enqueue(new TextEncoder().encode('x'.repeat(1_000)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const malformed = await http.post('{"text": "unterminated');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'MALFORMED_JSON', message: expect.stringMatching(/not valid JSON/) });

    const invalid = await http.post({ text: 5, user: 'u', extra: true });
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(invalidBody.error.code).toBe('INVALID_REQUEST');
    expect(invalidBody.error.fields.map((field) => field.path).sort()).toEqual(expect.arrayContaining(['text', '(root)']));

    const unknownSession = await fetch(`${http.url}/v1/sessions/chat%3Ahttp%3Adefault%3Anope/messages`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(unknownSession.status).toBe(404);
    expect(((await unknownSession.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');
    expect((await fetch(`${http.url}/v1/nothing`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(`${http.url}/v1/messages`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    expect((await http.post('text=hi', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);

    expect(await store.collection('chat:inbox').count()).toBe(0);
    expect(await store.sessions.list()).toEqual([]);

    const ok = await http.post(good, { accept: 'application/json' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { text: string }).text).toBe('echo: hello');
    expect(await (await fetch(`${http.url}/healthz`)).json()).toEqual({ ok: true });
  });

  it('answers a repeated message id with 409 and no second reply', async () => {
    await using http = await startHttpAgent();
    const body = { text: 'only once', sessionKey: 's', messageId: 'same' };
    const [first, second] = await Promise.all([http.post(body, { accept: 'application/json' }), http.post(body, { accept: 'application/json' })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const history = await http.agent.invoke('chat/history', { sessionId: 'chat:http:default:s:shared' });
    expect(history.messages.map((message) => message.text)).toEqual(['only once', 'echo: only once']);
    expect((await http.post(body)).status).toBe(409);
  });

  it('keeps every user\'s conversations, message ids and history to that user', async () => {
    await using http = await startHttpAgent();
    const alice = await http.post({ text: 'alice secret plan', sessionKey: 'team', messageId: 'm1' }, { accept: 'application/json', ...(await as('alice')) });
    expect(await alice.json()).toMatchObject({ status: 'answered', messageId: 'm1', sessionId: 'chat:http:default:team:alice' });
    // Bob names the same conversation and the same message id: his own session, no 409, no look at Alice's.
    const bob = await http.post({ text: 'what did alice say?', sessionKey: 'team', messageId: 'm1' }, { accept: 'application/json', ...(await as('bob')) });
    expect(bob.status).toBe(200);
    expect(await bob.json()).toMatchObject({ status: 'answered', messageId: 'm1', sessionId: 'chat:http:default:team:bob', text: 'echo: what did alice say?' });
    const aliceSession = encodeURIComponent('chat:http:default:team:alice');
    for (const headers of [await as('bob'), { authorization: `Bearer ${TOKEN}` }]) {
      const read = await fetch(`${http.url}/v1/sessions/${aliceSession}/messages`, { headers });
      expect(read.status).toBe(404);
      expect(await read.text()).not.toContain('secret plan');
    }
    const own = await fetch(`${http.url}/v1/sessions/${aliceSession}/messages`, { headers: await as('alice') });
    expect(((await own.json()) as { messages: { text: string; messageId?: string }[] }).messages).toEqual([
      expect.objectContaining({ text: 'alice secret plan', messageId: 'm1' }),
      expect.objectContaining({ text: 'echo: alice secret plan' }),
    ]);
    const aliceHistory = await http.agent.invoke('chat/history', { sessionId: 'chat:http:default:team:alice' });
    expect(aliceHistory.messages.map((message) => message.text)).toEqual(['alice secret plan', 'echo: alice secret plan']);
  });

  it('reports a model failure as an error event without secrets', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ error: { status: 401, message: 'Incorrect API key provided: sk-live-abcdef' } });
    await using http = await startHttpAgent({ model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake', apiKey: 'sk-live-abcdef', maxRetries: 0 } });
    const response = await http.post({ text: 'hi', sessionKey: 'f' });
    const text = await response.text();
    expect(text).not.toContain('sk-live');
    const last = parseSse(text).at(-1);
    expect(last).toMatchObject({ event: 'error', data: { code: 'MODEL_AUTH', status: 'failed', message: expect.stringMatching(/^Sorry/) } });
  });

  it('closes its server and every connection when the agent stops', async () => {
    const http = await startHttpAgent();
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    await http.agent.stop();
    await expect(fetch(`${http.url}/healthz`)).rejects.toThrow();
  });
});
