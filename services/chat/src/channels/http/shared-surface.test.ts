import { defineService, type Agent } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { describe, expect, it } from 'vitest';
import { startChatAgent } from '../../../test/start-chat-agent.js';
import { httpChannel } from './http-channel.js';

const TOKEN = 'shared-surface-token-0123456789';

/** A service that serves `/status-page` on the agent's HTTP surface, as the console or a webhook would. */
const statusPage = defineService({
  package: { name: 'test-status-page', version: '1.0.0', downcity: { kind: 'service', id: 'status-page' } },
  setup: (context) => ({
    ready: async () => {
      const route = await context.http?.mount({ name: 'the status page', path: '/status-page', fetch: () => new Response('all good') });
      context.onDispose(() => route?.unmount());
    },
  }),
});

async function channelUrl(agent: Agent): Promise<string> {
  const { channels } = await agent.invoke('chat/channels', {});
  return String(channels.find((channel) => channel.id === 'http')?.info.url);
}

describe('the HTTP channel on the agent\'s shared HTTP surface', () => {
  it('shares one port with other routes and keeps its own answers for every path they do not claim', async () => {
    const http = createHttpSurface({ port: 0 });
    await using chat = await startChatAgent({ chat: { channels: [httpChannel] }, config: { channels: { http: { token: TOKEN } } }, http, services: [statusPage] });
    const url = await channelUrl(chat.agent);
    expect(await (await fetch(`${url}/status-page`)).text()).toBe('all good');
    const reply = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text: 'one port', chatId: 'c' }),
    });
    expect(await reply.json()).toMatchObject({ status: 'answered', text: 'echo: one port' });
    expect(reply.headers.get('x-request-id')).toBeTruthy();
    const elsewhere = await fetch(`${url}/anything-else`);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await chat.agent.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('takes a listener of its own when given a port, running the same routes', async () => {
    const http = createHttpSurface({ port: 0 });
    await using chat = await startChatAgent({ chat: { channels: [httpChannel] }, config: { channels: { http: { token: TOKEN, port: 0 } } }, http, services: [statusPage] });
    const url = await channelUrl(chat.agent);
    expect((await fetch(`${url}/status-page`)).status).toBe(401);
    const streamed = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'own port', chatId: 'c' }),
    });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await streamed.text()).toContain('event: done');
  });
});
