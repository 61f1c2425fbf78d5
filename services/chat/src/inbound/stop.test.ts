import { createMemoryStore, DowncityError, ErrorCodes, type Agent, type JsonObject } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { weatherService } from '../../test/weather-service.js';

const on = { channels: { test: {} } };
const sessionId = 'chat:test:bot:c1';

/** What a session holds, as role, text and whether it was marked stopped. */
async function conversation(chat: { agent: Agent }) {
  const { messages } = await chat.agent.invoke('chat/history', { sessionId });
  return messages.map((message) => [message.role, message.text, message.metadata.stopped === true] as const);
}

describe('stopping a reply', () => {
  it('stops a streaming reply from chat/stop, keeps what it had written, and answers the next message normally', async () => {
    const model = createScriptedModel({ replies: [{ text: 'Once upon a time', hold: true }] });
    const channel = recordingChannel({ streaming: true });
    const store = createMemoryStore();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, store });
    expect(await chat.agent.invoke('chat/stop', { sessionId })).toEqual({ stopped: false });

    await channel.deliver({ text: 'tell me a story', messageId: 'story' });
    await channel.until(() => channel.deltas.join('') === 'Once upon a time');
    expect(await chat.agent.invoke('chat/stop', { sessionId })).toEqual({ stopped: true });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.outcomes[0]).toMatchObject({ status: 'stopped', reply: { text: 'Stopped.' } });
    expect(channel.outcomes[0]?.error).toBeUndefined();
    expect(channel.texts()).toEqual(['Stopped.']);
    expect(await conversation(chat)).toEqual([
      ['user', 'tell me a story', false],
      ['assistant', 'Once upon a time', true],
    ]);
    expect(await store.collection('chat:inbox').get('test:bot:story')).toMatchObject({ status: 'stopped', outcome: 'stopped' });

    await channel.deliver({ text: 'and then?' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.outcomes[1]).toMatchObject({ status: 'answered', reply: { text: 'echo: and then?' } });
    // The next turn sees what the stopped one had written.
    expect(JSON.stringify(model.calls[1]?.prompt)).toContain('Once upon a time');
  });

  it('streams each finished step with its tool calls and results, and keeps them when stopped in the next step', async () => {
    const model = createScriptedModel({
      replies: [
        { toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Oslo' } }] },
        { text: 'It is sunny in Oslo.' },
        { toolCalls: [{ name: 'weather_forecast', arguments: { city: 'Lima' } }] },
        { text: 'In Lima it', hold: true },
      ],
    });
    const channel = recordingChannel({ streaming: true });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, services: [weatherService] });

    await channel.deliver({ text: 'weather in Oslo?' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.steps).toEqual([
      {
        index: 1,
        text: '',
        toolCalls: [{ toolCallId: 'call_1', toolName: 'weather_forecast', input: { city: 'Oslo' } }],
        toolResults: [{ toolCallId: 'call_1', toolName: 'weather_forecast', output: { type: 'json', value: { forecast: 'sunny in Oslo' } } }],
      },
      { index: 2, text: 'It is sunny in Oslo.', toolCalls: [], toolResults: [] },
    ]);
    expect(channel.outcomes[0]).toMatchObject({ status: 'answered', reply: { text: 'It is sunny in Oslo.' } });

    await channel.deliver({ text: 'and in Lima?' });
    await channel.until(() => channel.steps.length === 3 && channel.deltas.join('').endsWith('In Lima it'));
    expect(channel.steps[2]?.toolResults[0]?.output).toEqual({ type: 'json', value: { forecast: 'sunny in Lima' } });
    expect(await chat.agent.invoke('chat/stop', { sessionId })).toEqual({ stopped: true });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.outcomes[1]?.status).toBe('stopped');
    // The tool step finished before the stop stays stored, then what the model was writing.
    expect((await conversation(chat)).slice(4)).toEqual([
      ['user', 'and in Lima?', false],
      ['assistant', '', false],
      ['tool', '', false],
      ['assistant', 'In Lima it', true],
    ]);
  });

  it('stops on arrival of /stop from the sender being answered; /stop answers only when nothing was running', async () => {
    const model = createScriptedModel({ replies: [{ text: 'An endless', hold: true }] });
    const channel = recordingChannel({ streaming: true });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    await channel.deliver({ text: 'go on forever' });
    await channel.until(() => channel.deltas.join('') === 'An endless');
    // The /stop waits in the queue behind the very turn it stops, so it must act when it arrives.
    await channel.deliver({ text: '/stop' });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.outcomes.map((outcome) => outcome.status)).toEqual(['stopped', 'answered']);
    expect(channel.texts()).toEqual(['Stopped.']);

    await channel.deliver({ text: '/stop' });
    await channel.until(() => channel.outcomes.length === 3);
    expect(channel.texts()[1]).toBe('Nothing to stop: no reply is being written for you here.');
    expect(model.calls).toHaveLength(1);
    expect(chat.agent.state).toBe('running');
  });

  it('lets neither /stop nor chat/stop from another group member stop a reply; the operator can', async () => {
    const model = createScriptedModel({ replies: [{ text: 'For Ann only', hold: true }] });
    const channel = recordingChannel({ streaming: true });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: { ...on, groups: { requireMention: false } }, model });
    const group = 'chat:test:bot:g';
    await channel.deliver({ text: 'a question', chatId: 'g', chatType: 'group', userId: 'ann' });
    await channel.until(() => channel.deltas.join('') === 'For Ann only');
    await channel.deliver({ text: '/stop', chatId: 'g', chatType: 'group', userId: 'bob' });
    const denied = await chat.agent.invoke('chat/stop', { sessionId: group }, { principal: { id: 'test:bob' } }).catch((error: unknown) => error);
    expect(DowncityError.is(denied, ErrorCodes.DENIED)).toBe(true);
    expect(channel.outcomes).toEqual([]);

    expect(await chat.agent.invoke('chat/stop', { sessionId: group })).toEqual({ stopped: true });
    await channel.until(() => channel.outcomes.length === 2);
    expect(channel.outcomes.map((outcome) => outcome.status)).toEqual(['stopped', 'answered']);
    expect(channel.texts()).toEqual(['Stopped.', 'Nothing to stop: no reply is being written for you here.']);
  });

  it('lets the sender being answered stop it through chat/stop, and stops a reply on a channel that does not stream', async () => {
    const model = createScriptedModel({ replies: [{ text: 'never shown', hold: true }] });
    const channel = recordingChannel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    await channel.deliver({ text: 'slow one' });
    await expect.poll(() => model.calls.length).toBe(1);
    expect(await chat.agent.invoke('chat/stop', { sessionId }, { principal: { id: 'test:u1' } })).toEqual({ stopped: true });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.outcomes[0]?.status).toBe('stopped');
    expect(channel.texts()).toEqual(['Stopped.']);
    expect(await conversation(chat)).toEqual([['user', 'slow one', false]]);
  });

  it('never retries a stopped message after a restart', async () => {
    const store = createMemoryStore();
    const first = recordingChannel({ streaming: true });
    const model = createScriptedModel({ replies: [{ text: 'Half', hold: true }] });
    {
      await using chat = await startChatAgent({ chat: { channels: [first.definition] }, config: on, model, store });
      await first.deliver({ text: 'stop me', messageId: 'once' });
      await first.until(() => first.deltas.length > 0);
      await chat.agent.invoke('chat/stop', { sessionId });
      await first.until(() => first.outcomes.length === 1);
    }
    const second = recordingChannel({ streaming: true });
    await using _chat = await startChatAgent({ chat: { channels: [second.definition] }, config: on, model, store });
    await second.deliver({ text: 'hello again' });
    await second.until(() => second.outcomes.length === 1);
    expect(second.texts()).toEqual(['echo: hello again']);
    expect(model.calls).toHaveLength(2);
    expect(await store.collection('chat:inbox').get('test:bot:once')).toMatchObject({ status: 'stopped' });
  });

  it('after a crash between storing the stopped text and the stop notice, sends the notice without asking the model again', async () => {
    const store = createMemoryStore();
    await store.open();
    const channel = recordingChannel();
    const message = channel.message({ text: 'crash me', messageId: 'm-s' });
    await store.sessions.ensure({ id: sessionId, kind: 'chat', metadata: { route: { channel: 'test', account: 'bot', chatId: 'c1' }, channels: ['test'] } });
    const [user] = await store.messages.append(sessionId, [{ role: 'user', content: [{ type: 'text', text: 'crash me' }], metadata: { inboxId: 'test:bot:m-s' } }]);
    await store.messages.append(sessionId, [{ role: 'assistant', content: [{ type: 'text', text: 'Partly' }], metadata: { inboxId: 'test:bot:m-s', stopped: true } }]);
    const entry = { status: 'processing', sessionId, message, receivedAt: 1, updatedAt: 1, seq: user?.seq ?? 0 };
    await store.collection('chat:inbox').put('test:bot:m-s', JSON.parse(JSON.stringify(entry)) as JsonObject);
    const model = createScriptedModel();
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, store });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.outcomes[0]).toMatchObject({ status: 'stopped', reply: { text: 'Stopped.' } });
    expect(model.calls).toHaveLength(0);
    expect(await conversation(chat)).toEqual([
      ['user', 'crash me', false],
      ['assistant', 'Partly', true],
    ]);
  });
});
