import { createMemoryStore, defineService, type ServiceDefinition } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';
import type { ChannelContributions } from '../index.js';

/** A service that owns a channel adapter of its own and adds it through `chat/channels`, as the console does. */
function contributingService(contribute: (value: ChannelContributions) => unknown, id = 'webby'): ServiceDefinition {
  return defineService({
    package: { name: `test-${id}`, version: '1.0.0', downcity: { kind: 'service', id, attaches: { 'chat/channels': { kind: 'pipeline', optional: true } } } },
    setup: () => ({ handlers: { 'chat/channels': (value) => contribute(value) as ChannelContributions } }),
  });
}

const adding =
  (...adapters: ReturnType<typeof recordingChannel>['adapter'][]) =>
  (value: ChannelContributions): ChannelContributions => ({ adapters: [...value.adapters, ...adapters] });

describe('channels contributed through chat/channels', () => {
  it('connects, lists and answers a service\'s own adapter through the durable inbox, like a configured channel', async () => {
    const web = recordingChannel({ id: 'web', account: 'console', streaming: true });
    const store = createMemoryStore();
    await using chat = await startChatAgent({ chat: { channels: [] }, store, services: [contributingService(adding(web.adapter))] });
    const { channels } = await chat.agent.invoke('chat/channels', {});
    expect(channels).toEqual([expect.objectContaining({ id: 'web', account: 'console', connected: true, capabilities: expect.objectContaining({ streaming: true }) })]);

    expect(await web.deliver({ text: 'first', messageId: 'w1', chatId: 'main' })).toEqual({ status: 'accepted', sessionId: 'chat:web:console:main' });
    expect(await web.deliver({ text: 'first', messageId: 'w1', chatId: 'main' })).toEqual({ status: 'duplicate' });
    await web.deliver({ text: 'second', messageId: 'w2', chatId: 'main' });
    await web.until(() => web.outcomes.length === 2);
    expect(web.texts()).toEqual(['echo: first', 'echo: second']);
    expect(web.deltas.join('')).toBe('echo: firstecho: second');
    expect(await store.collection('chat:inbox').get('web:console:w1')).toMatchObject({ status: 'answered', sessionId: 'chat:web:console:main' });
    const { sessions } = await chat.agent.invoke('chat/sessions', { channel: 'web' });
    expect(sessions.map((session) => session.id)).toEqual(['chat:web:console:main']);
  });

  it('answers a message the contributed channel stored before a restart once it is back', async () => {
    const store = createMemoryStore();
    const model = createScriptedModel({ replies: [{ text: 'interrupted', hold: true }] });
    const before = recordingChannel({ id: 'web', account: 'console' });
    {
      await using chat = await startChatAgent({ chat: { channels: [] }, store, model, services: [contributingService(adding(before.adapter))], agentConfig: { agent: { stopGraceMs: 0 } } });
      await before.deliver({ text: 'are you there?', messageId: 'w1' });
      await expect.poll(() => model.calls.length).toBe(1);
      expect(chat.agent.state).toBe('running');
    }
    expect(before.outcomes).toEqual([]);
    const after = recordingChannel({ id: 'web', account: 'console' });
    await using chat = await startChatAgent({ chat: { channels: [] }, store, model, services: [contributingService(adding(after.adapter))] });
    await after.until(() => after.outcomes.length === 1);
    expect(after.texts()).toEqual(['echo: are you there?']);
    const history = await chat.agent.invoke('chat/history', { sessionId: 'chat:web:console:c1' });
    expect(history.messages.map((message) => message.text)).toEqual(['are you there?', 'echo: are you there?']);
  });

  it('runs beside configured channels and refuses an id another channel has', async () => {
    const test = recordingChannel();
    const web = recordingChannel({ id: 'web', account: 'console' });
    {
      await using chat = await startChatAgent({ chat: { channels: [test.definition] }, config: { channels: { test: {} } }, services: [contributingService(adding(web.adapter))] });
      expect((await chat.agent.invoke('chat/channels', {})).channels.map((channel) => channel.id)).toEqual(['test', 'web']);
    }
    const clash = recordingChannel();
    await expect(startChatAgent({ chat: { channels: [test.definition] }, services: [contributingService(adding(clash.adapter))] })).rejects.toThrow(
      'A channel adapter contributed through "chat/channels" uses the id "test", which another channel already has. Give it an id of its own.',
    );
    await expect(startChatAgent({ chat: { channels: [] }, services: [contributingService(adding(web.adapter), 'one'), contributingService(adding(web.adapter), 'two')] })).rejects.toThrow(
      'uses the id "web"',
    );
  });

  it('refuses to start with a malformed contribution, saying what to return', async () => {
    await expect(startChatAgent({ chat: { channels: [] }, services: [contributingService(() => [])] })).rejects.toThrow(
      'Return the value it received with your adapter added: (value) => ({ adapters: [...value.adapters, adapter] }).',
    );
    await expect(startChatAgent({ chat: { channels: [] }, services: [contributingService((value) => ({ adapters: [...value.adapters, { id: 'Web!', account: 'x' }] }))] })).rejects.toThrow(
      'cannot run: its id "Web!" is not 1-32 lowercase letters',
    );
    const { connect: _connect, ...noConnect } = recordingChannel({ id: 'web' }).adapter;
    await expect(startChatAgent({ chat: { channels: [] }, services: [contributingService((value) => ({ adapters: [...value.adapters, noConnect] }))] })).rejects.toThrow(
      'cannot run: it has no connect method',
    );
  });
});
