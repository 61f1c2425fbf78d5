import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatCompletionRequestBody } from './chat-completion-request.js';
import { startFakeOpenAI } from './start-fake-openai.js';

const clients: [string, (baseURL: string) => LanguageModelV4][] = [
  [
    '@ai-sdk/openai-compatible',
    (baseURL) => createOpenAICompatible({ name: 'fake', baseURL, apiKey: 'sk-test', includeUsage: true })('gpt-4o-mini'),
  ],
  ['@ai-sdk/openai (chat)', (baseURL) => createOpenAI({ baseURL, apiKey: 'sk-test' }).chat('gpt-4o-mini')],
];

const weatherTool = tool({
  description: 'Current weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperatureCelsius: 21 }),
});

describe.each(clients)('chat completions through %s', (_name, modelFor) => {
  it('answers with scripted text and usage', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ text: 'Hello from the fake' });
    const result = await generateText({ model: modelFor(fake.baseURL), prompt: 'Hi' });
    expect(result.text).toBe('Hello from the fake');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('reports scripted usage with cached and reasoning tokens, streamed or not', async () => {
    await using fake = await startFakeOpenAI();
    const usage = { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000, reasoningTokens: 120 };
    fake.enqueue({ text: 'cached', usage }, { text: 'streamed', usage });
    const result = await generateText({ model: modelFor(fake.baseURL), prompt: 'Hi' });
    expect(result.usage).toMatchObject({ inputTokens: 1200, outputTokens: 300, inputTokenDetails: { cacheReadTokens: 1000 }, outputTokenDetails: { reasoningTokens: 120 } });
    const stream = streamText({ model: modelFor(fake.baseURL), prompt: 'Hi' });
    await stream.consumeStream();
    expect(await stream.usage).toMatchObject({ inputTokens: 1200, outputTokens: 300, inputTokenDetails: { cacheReadTokens: 1000 }, outputTokenDetails: { reasoningTokens: 120 } });
  });

  it('echoes the last user message by default', async () => {
    await using fake = await startFakeOpenAI();
    const result = await generateText({ model: modelFor(fake.baseURL), prompt: 'ping' });
    expect(result.text).toBe('echo: ping');
  });

  it('streams text in several chunks', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ text: 'one two three four' });
    const result = streamText({ model: modelFor(fake.baseURL), prompt: 'count' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('one two three four');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).inputTokens).toBeGreaterThan(0);
    expect(fake.chatRequests[0]?.stream).toBe(true);
  });

  it('runs a tool call over two steps with generateText', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }] }, { text: 'It is 21 °C in Paris.' });
    const result = await generateText({
      model: modelFor(fake.baseURL),
      system: 'You are a weather bot.',
      prompt: 'Weather in Paris?',
      tools: { weather: weatherTool },
      stopWhen: stepCountIs(3),
    });
    expect(result.text).toBe('It is 21 °C in Paris.');
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolResults[0]?.output).toEqual({ city: 'Paris', temperatureCelsius: 21 });
    const [first, second] = fake.chatRequests;
    expect(first?.messages[0]).toMatchObject({ role: 'system', content: 'You are a weather bot.' });
    expect(first?.tools?.[0]?.function.name).toBe('weather');
    expect(first?.tools?.[0]?.function.parameters).toMatchObject({ properties: { city: { type: 'string' } } });
    const toolMessage = second?.messages.find((message) => message.role === 'tool');
    expect(JSON.parse(String(toolMessage?.content))).toEqual({ city: 'Paris', temperatureCelsius: 21 });
  });

  it('streams a tool call split across chunks and continues after it', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue(
      { text: 'Let me check.', toolCalls: [{ id: 'call_abc', name: 'weather', arguments: '{"city":"Reykjavik"}' }] },
      { text: 'Cold, 21 °C.' },
    );
    const result = streamText({
      model: modelFor(fake.baseURL),
      prompt: 'Weather in Reykjavik?',
      tools: { weather: weatherTool },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe('Cold, 21 °C.');
    const steps = await result.steps;
    expect(steps[0]?.text).toBe('Let me check.');
    expect(steps[0]?.toolCalls[0]).toMatchObject({ toolCallId: 'call_abc', toolName: 'weather', input: { city: 'Reykjavik' } });
    expect(steps[0]?.finishReason).toBe('tool-calls');
  });

  it('lets a function default answer from the request', async () => {
    await using fake = await startFakeOpenAI();
    fake.setDefault((request) => ({ text: `model ${request.body.model}, ${(request.body as ChatCompletionRequestBody).messages.length} messages` }));
    const result = await generateText({ model: modelFor(fake.baseURL), system: 'Be brief.', prompt: 'Hi' });
    expect(result.text).toBe('model gpt-4o-mini, 2 messages');
  });
});

describe('recorded requests', () => {
  it('keep path and headers, and redact the authorization value', async () => {
    await using fake = await startFakeOpenAI();
    const model = createOpenAICompatible({ name: 'fake', baseURL: fake.baseURL, apiKey: 'sk-secret' })('gpt-4o-mini');
    await generateText({ model, prompt: 'Hi' });
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(fake.requests)).not.toContain('sk-secret');
    fake.clearRequests();
    expect(fake.requests).toHaveLength(0);
  });
});
