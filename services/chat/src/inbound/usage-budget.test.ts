import { USAGE_COLLECTION, UsageLedger, UsageSettingsSchema, createMemoryStore, type Agent, type Store } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { startFakeOpenAI } from '@downcity/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { signUserAssertion } from '../channels/http/credentials/sign-user-assertion.js';
import { httpChannel } from '../channels/http/http-channel.js';

const TOKEN = 'usage-test-token-123456';
const ASSERTION_SECRET = 'usage-test-assertion-secret-0123456789abcdef';
const SESSION = 'chat:http:default:web-1:alice';
const DAY1 = Date.UTC(2026, 4, 20, 22, 0);

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function as(user: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signUserAssertion({ secret: ASSERTION_SECRET, user })}`, 'content-type': 'application/json' };
}

async function urlOf(agent: Agent): Promise<string> {
  const { channels } = await agent.invoke('chat/channels', {});
  return String(channels.find((channel) => channel.id === 'http')?.info.url);
}

/** An agent on a real libSQL file with the HTTP channel and the real OpenAI-compatible provider on the fake server. */
async function startUsageAgent(baseURL: string, usage: Record<string, unknown>, now: () => number, store?: Store) {
  const folder = await mkdtemp(path.join(tmpdir(), 'downcity-usage-'));
  folders.push(folder);
  const chat = await startChatAgent({
    chat: { channels: [httpChannel] },
    config: { channels: { http: { token: TOKEN, assertions: { secret: ASSERTION_SECRET }, port: 0 } } },
    model: { provider: 'openai-compatible', baseURL, model: 'fast-1', apiKey: 'x' },
    store: store ?? createLibsqlStore({ path: path.join(folder, 'agent.db') }),
    agentConfig: { usage },
    now,
  });
  const url = await urlOf(chat.agent);
  const say = async (text: string, messageId: string) => {
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { ...(await as('alice')), accept: 'application/json' },
      body: JSON.stringify({ text, sessionKey: 'web-1', user: { id: 'alice' }, messageId }),
    });
    return (await response.json()) as { status?: string; text?: string; error?: { code: string } };
  };
  const history = async () => {
    const response = await fetch(`${url}/v1/sessions/${encodeURIComponent(SESSION)}/messages`, { headers: await as('alice') });
    return ((await response.json()) as { messages: { role: string; text: string; usage?: Record<string, unknown> }[] }).messages;
  };
  return { ...chat, say, history };
}

describe('usage and budgets in chat', () => {
  it('records cached and reasoning tokens from the OpenAI wire and shows tokens, model and cost in the HTTP history and chat/history', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'x' });
    fake.enqueue({ text: 'priced answer', usage: { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1500, reasoningTokens: 40 } });
    await using chat = await startUsageAgent(fake.baseURL, { prices: { 'openai-compatible:fast-1': { input: 1, output: 2 } } }, () => DAY1);
    expect(await chat.say('hello', 'm1')).toMatchObject({ status: 'answered', text: 'priced answer' });

    const messages = await chat.history();
    expect(messages.map((message) => [message.role, message.text])).toEqual([
      ['user', 'hello'],
      ['assistant', 'priced answer'],
    ]);
    expect(messages[0]?.usage).toBeUndefined();
    expect(messages[1]?.usage).toEqual({
      model: 'openai-compatible:fast-1',
      inputTokens: 2000,
      outputTokens: 100,
      cachedInputTokens: 1500,
      reasoningTokens: 40,
      totalTokens: 2100,
      cost: (2000 * 1 + 100 * 2) / 1e6,
      currency: 'USD',
    });
    const action = await chat.agent.invoke('chat/history', { sessionId: SESSION });
    expect(action.messages[1]?.usage).toMatchObject({ model: 'openai-compatible:fast-1', cachedInputTokens: 1500, reasoningTokens: 40 });

    const report = await chat.agent.invoke('agent/usage', { since: '2026-05-20', until: '2026-05-20', groupBy: 'principal' });
    expect(report.groups).toEqual([expect.objectContaining({ key: 'http:alice', steps: 1, inputTokens: 2000, cachedInputTokens: 1500, reasoningTokens: 40, unpricedSteps: 0 })]);
  });

  it('shows "no price" as a null cost for a model missing from the price table', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'x' });
    fake.enqueue({ text: 'unpriced', usage: { inputTokens: 10, outputTokens: 5 } });
    await using chat = await startUsageAgent(fake.baseURL, { prices: { 'openai:gpt-4o-mini': { input: 0.15, output: 0.6 } } }, () => DAY1);
    await chat.say('hello', 'm1');
    expect((await chat.history())[1]?.usage).toEqual({ model: 'openai-compatible:fast-1', inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 15, cost: null });
  });

  it('refuses a message past the daily budget with a clear reply, stores nothing in the session, and answers again after 00:00 UTC', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'x' });
    fake.enqueue({ text: 'first answer', usage: { inputTokens: 900, outputTokens: 200 } }, { text: 'a new day', usage: { inputTokens: 10, outputTokens: 5 } });
    let now = DAY1;
    await using chat = await startUsageAgent(fake.baseURL, { budgets: { perPrincipalDaily: { tokens: 1000 } } }, () => now);
    expect(await chat.say('one', 'm1')).toMatchObject({ status: 'answered', text: 'first answer' });

    const refused = await chat.say('two', 'm2');
    expect(refused).toMatchObject({ status: 'denied', text: 'You have used your daily budget of 1,000 tokens (1,100 used today). It resets at 00:00 UTC.' });
    expect(fake.chatRequests).toHaveLength(1);
    expect((await chat.history()).map((message) => message.text)).toEqual(['one', 'first answer']);
    // The refused message is finished in the inbox: a redelivery is a duplicate, not a second try.
    const again = await chat.say('two', 'm2');
    expect(again).toMatchObject({ error: { code: 'DUPLICATE' } });
    expect(fake.chatRequests).toHaveLength(1);

    now = Date.UTC(2026, 4, 21, 0, 0, 5);
    expect(await chat.say('three', 'm3')).toMatchObject({ status: 'answered', text: 'a new day' });
    expect((await chat.history()).map((message) => message.text)).toEqual(['one', 'first answer', 'three', 'a new day']);
  });

  it('sends the refusal, not the error notice, when the budget runs out between the chat check and the turn', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'x' });
    const usage = { budgets: { perPrincipalDaily: { tokens: 1000 } } };
    const store = createMemoryStore();
    // A step of the same user in another conversation finishes while this message is being stored.
    const append = store.messages.append.bind(store.messages);
    store.messages.append = async (sessionId, messages) => {
      if (JSON.stringify(messages).includes('race')) {
        const ledger = new UsageLedger({ store, settings: UsageSettingsSchema.parse(usage), now: () => DAY1 });
        await store.sessions.ensure({ id: 'elsewhere', kind: 'chat' });
        await ledger.appendStep([{ role: 'assistant', content: 'elsewhere' }], { sessionId: 'elsewhere', turnId: 'other', step: 1, principalId: 'http:alice', model: 'openai-compatible:fast-1', tokens: { inputTokens: 2000, outputTokens: 1 } });
      }
      return append(sessionId, messages);
    };
    await using chat = await startUsageAgent(fake.baseURL, usage, () => DAY1, store);
    const principals = await chat.agent.invoke('agent/usage', { since: '2026-05-20', until: '2026-05-20', groupBy: 'principal' });
    expect(principals.groups).toEqual([]);
    expect(await store.collection(USAGE_COLLECTION).count()).toBe(0);
    const reply = await chat.say('race', 'm1');
    expect(reply).toMatchObject({ status: 'denied', text: 'You have used your daily budget of 1,000 tokens (2,001 used today). It resets at 00:00 UTC.' });
    expect(fake.chatRequests).toHaveLength(0);
    // As after a failed turn, the message stays in the conversation without an answer.
    expect((await chat.history()).map((message) => [message.role, message.text])).toEqual([['user', 'race']]);
  });
});
