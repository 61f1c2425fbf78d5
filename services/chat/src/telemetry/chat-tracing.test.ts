import { defineAction, defineService } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { spanTree, startTestTracing, type SpanNode } from '@downcity/testing/tracing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordingChannel } from '../../test/recording-channel.js';
import { startChatAgent } from '../../test/start-chat-agent.js';
import { testPlugin } from '../../test/test-plugin.js';
import { weatherService } from '../../test/weather-service.js';

const on = { channels: { test: {} } };
const tracing = startTestTracing();
afterAll(() => tracing[Symbol.asyncDispose]());
beforeEach(() => tracing.reset());

/** The tree as names, children indented: easy to read in a failed assertion. */
function outline(nodes: SpanNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.name}`, ...outline(node.children, depth + 1)]);
}

const find = (nodes: SpanNode[], name: string): SpanNode | undefined => {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = find(node.children, name);
    if (inner) return inner;
  }
  return undefined;
};

const plugins = () => [
  testPlugin('gate', { 'chat/authorize': 'guard' }, { 'chat/authorize': () => ({ allow: true }) }),
  testPlugin('shout', { 'chat/inbound': 'pipeline' }, { 'chat/inbound': (value) => value }),
];

describe.each([
  { streaming: false, name: 'generated' },
  { streaming: true, name: 'streamed' },
])('tracing one chat turn with a tool call ($name)', ({ streaming }) => {
  it('gives the span tree receive → process → guard, pipeline, invoke_agent → chat steps and execute_tool → send', async () => {
    const model = createScriptedModel({ modelId: 'gpt-test', provider: 'openai.chat', replies: [{ toolCalls: [{ id: 'call_7', name: 'weather_forecast', arguments: { city: 'Oslo' } }] }, { text: 'It is sunny in Oslo.' }] });
    const channel = recordingChannel({ streaming });
    await using _chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, services: [weatherService], plugins: plugins() });
    await channel.deliver({ text: 'weather in Oslo?' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['It is sunny in Oslo.']);
    await tracing.until('chat.process');

    const roots = spanTree(tracing.spans());
    expect(outline(roots)).toEqual([
      'chat.receive',
      '  chat.process',
      '    guard chat/authorize',
      '    pipeline chat/inbound',
      '    action agent/budget',
      '    invoke_agent',
      '      chat gpt-test',
      '      execute_tool weather/forecast',
      '      chat gpt-test',
      '    chat.send',
    ]);
    const [receive] = roots as [SpanNode];
    expect(receive.span.attributes).toMatchObject({ 'downcity.chat.channel': 'test', 'downcity.chat.delivery': 'accepted' });
    const process = find(roots, 'chat.process') as SpanNode;
    expect(process.span.attributes).toMatchObject({ 'downcity.chat.session_id': 'chat:test:bot:c1', 'downcity.chat.recovered': false });
    expect(find(roots, 'guard chat/authorize')?.span.attributes).toMatchObject({
      'downcity.extension.kind': 'guard',
      'downcity.extension.owner': 'gate',
      'downcity.extension.outcome': 'allow',
    });
    const turn = find(roots, 'invoke_agent') as SpanNode;
    expect(turn.span.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-test',
      'gen_ai.conversation.id': 'chat:test:bot:c1',
      'downcity.turn.steps': 2,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    const [first, tool, second] = turn.children as [SpanNode, SpanNode, SpanNode];
    expect(first.span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-test',
      'gen_ai.response.model': 'gpt-test',
      'gen_ai.response.finish_reasons': ['tool-calls'],
      'gen_ai.usage.input_tokens': expect.any(Number),
      'gen_ai.usage.output_tokens': expect.any(Number),
    });
    expect(second.span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    const summed = Number(first.span.attributes['gen_ai.usage.input_tokens']) + Number(second.span.attributes['gen_ai.usage.input_tokens']);
    expect(turn.span.attributes['gen_ai.usage.input_tokens']).toBe(summed);
    expect(tool.span.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather/forecast',
      'gen_ai.tool.call.id': 'call_7',
      'downcity.action.caller': 'model',
    });
    expect(find(roots, 'chat.send')?.span.attributes).toMatchObject({ 'downcity.chat.part_index': 0, 'downcity.chat.part_count': 1 });
  });
});

describe('tracing a chat turn', () => {
  it('marks a failing tool call and its turn span error while the model goes on', async () => {
    const broken = defineService({
      package: { name: 'test-broken', version: '1.0.0', downcity: { kind: 'service', id: 'broken', actions: { 'broken/explode': { description: 'Always fails.', tool: true } } } },
      setup: () => ({
        actions: {
          explode: defineAction({
            description: 'Always fails.',
            input: z.object({}),
            output: z.object({}),
            tool: true,
            run: () => {
              throw new Error('the fuse blew');
            },
          }),
        },
      }),
    });
    const model = createScriptedModel({ replies: [{ toolCalls: [{ name: 'broken_explode', arguments: {} }] }, { text: 'That did not work.' }] });
    const channel = recordingChannel();
    await using _chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model, services: [broken] });
    await channel.deliver({ text: 'blow it up' });
    await channel.until(() => channel.outcomes.length === 1);
    expect(channel.texts()).toEqual(['That did not work.']);
    await tracing.until('chat.process');
    const [tool] = tracing.named('execute_tool broken/explode');
    expect(tool?.status).toEqual({ code: 2, message: 'the fuse blew' });
    expect(tool?.events.map((event) => event.name)).toEqual(['exception']);
    // The model saw the failure and answered: the turn itself succeeded.
    expect(tracing.named('invoke_agent')[0]?.status.code).toBe(0);
  });

  it('records a denying guard as outcome deny, and sends the refusal without a turn', async () => {
    const deny = testPlugin('gate', { 'chat/authorize': 'guard' }, { 'chat/authorize': () => ({ allow: false, reason: 'not you', reply: 'No.' }) });
    const channel = recordingChannel();
    await using _chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, plugins: [deny] });
    await channel.deliver({ text: 'let me in' });
    await channel.until(() => channel.outcomes.length === 1);
    await tracing.until('chat.process');
    expect(tracing.named('guard chat/authorize')[0]?.attributes['downcity.extension.outcome']).toBe('deny');
    expect(tracing.named('invoke_agent')).toEqual([]);
    expect(tracing.named('chat.send')).toHaveLength(1);
  });

  it('ends the span of a streamed model call cut short by a stop, marked error, and the turn with it', async () => {
    const model = createScriptedModel({ replies: [{ text: 'Once upon a time', hold: true }] });
    const channel = recordingChannel({ streaming: true });
    await using chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on, model });
    await channel.deliver({ text: 'tell me a story' });
    await channel.until(() => channel.deltas.join('') === 'Once upon a time');
    expect(await chat.agent.invoke('chat/stop', { sessionId: 'chat:test:bot:c1' })).toEqual({ stopped: true });
    await channel.until(() => channel.outcomes.length === 1);
    await tracing.until('chat.process');
    const [call] = tracing.named('chat scripted-model');
    expect(call?.status.code).toBe(2);
    expect(call?.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
    const [turn] = tracing.named('invoke_agent');
    expect(turn?.status.code).toBe(2);
    expect(call?.parentSpanContext?.spanId).toBe(turn?.spanContext().spanId);
    // The stop is the outcome the user asked for: the message itself was handled.
    expect(tracing.named('chat.process')[0]?.status.code).toBe(0);
  });

  it('parents each of two messages queued at once on its own receive span', async () => {
    const channel = recordingChannel();
    await using _chat = await startChatAgent({ chat: { channels: [channel.definition] }, config: on });
    await Promise.all([channel.deliver({ text: 'one' }), channel.deliver({ text: 'two' })]);
    await channel.until(() => channel.outcomes.length === 2);
    await tracing.until('chat.process', 2);
    const receives = tracing.named('chat.receive');
    const processes = tracing.named('chat.process');
    expect(processes).toHaveLength(2);
    for (const process of processes) {
      const parent = receives.find((receive) => receive.spanContext().spanId === process.parentSpanContext?.spanId);
      expect(parent?.spanContext().traceId).toBe(process.spanContext().traceId);
      expect(parent?.attributes['messaging.message.id']).toBe(String(process.attributes['downcity.chat.inbox_id']).split(':')[2]);
    }
  });
});
