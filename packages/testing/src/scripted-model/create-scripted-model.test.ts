import { APICallError, generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScriptedModel } from './create-scripted-model.js';

const weatherTool = tool({
  description: 'Current weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperatureCelsius: 21 }),
});

describe('createScriptedModel', () => {
  it('reports scripted usage, cached and reasoning tokens included, streamed or not', async () => {
    const usage = { inputTokens: 500, outputTokens: 40, cachedInputTokens: 300, reasoningTokens: 10 };
    const model = createScriptedModel({ replies: [{ text: 'one', usage }, { text: 'two', usage }] });
    const expected = { inputTokens: 500, outputTokens: 40, inputTokenDetails: { cacheReadTokens: 300, noCacheTokens: 200 }, outputTokenDetails: { reasoningTokens: 10, textTokens: 30 } };
    expect((await generateText({ model, prompt: 'Hi' })).usage).toMatchObject(expected);
    const stream = streamText({ model, prompt: 'Hi' });
    await stream.consumeStream();
    expect(await stream.usage).toMatchObject(expected);
  });

  it('answers generateText with scripted text, then echoes by default', async () => {
    const model = createScriptedModel({ replies: [{ text: 'Hello there' }], modelId: 'tiny' });
    const first = await generateText({ model, system: 'Be kind.', prompt: 'Hi' });
    expect(first.text).toBe('Hello there');
    expect(first.finishReason).toBe('stop');
    expect(first.response.modelId).toBe('tiny');
    expect(first.usage.outputTokens).toBeGreaterThan(0);
    const second = await generateText({ model, prompt: 'ping' });
    expect(second.text).toBe('echo: ping');
    expect(model.calls).toHaveLength(2);
    expect(model.calls[0]?.kind).toBe('generate');
    expect(model.calls[0]?.prompt[0]).toEqual({ role: 'system', content: 'Be kind.' });
  });

  it('streams text in word-sized deltas', async () => {
    const model = createScriptedModel({ replies: [{ text: 'one two three' }] });
    const result = streamText({ model, prompt: 'count' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['one', ' two', ' three']);
    expect(await result.finishReason).toBe('stop');
    expect(model.calls[0]?.kind).toBe('stream');
  });

  it('runs a tool call over two steps with generateText', async () => {
    const model = createScriptedModel({
      replies: [{ toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }] }, { text: '21 °C in Oslo.' }],
    });
    const result = await generateText({ model, prompt: 'Weather?', tools: { weather: weatherTool }, stopWhen: stepCountIs(3) });
    expect(result.text).toBe('21 °C in Oslo.');
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({ toolCallId: 'call_1', toolName: 'weather', input: { city: 'Oslo' } });
    expect(model.calls[0]?.tools?.[0]).toMatchObject({ type: 'function', name: 'weather' });
    const toolMessage = model.calls[1]?.prompt.find((message) => message.role === 'tool');
    expect(toolMessage?.content[0]).toMatchObject({
      type: 'tool-result',
      toolCallId: 'call_1',
      output: { type: 'json', value: { city: 'Oslo', temperatureCelsius: 21 } },
    });
  });

  it('runs a tool call over two steps with streamText', async () => {
    const model = createScriptedModel();
    model.enqueue({ text: 'Checking.', toolCalls: [{ id: 'call_x', name: 'weather', arguments: '{"city":"Lima"}' }] });
    model.setDefault({ text: 'Warm in Lima.' });
    const result = streamText({ model, prompt: 'Weather?', tools: { weather: weatherTool }, stopWhen: stepCountIs(3) });
    expect(await result.text).toBe('Warm in Lima.');
    const steps = await result.steps;
    expect(steps[0]?.text).toBe('Checking.');
    expect(steps[0]?.toolResults[0]).toMatchObject({ toolCallId: 'call_x', output: { city: 'Lima', temperatureCelsius: 21 } });
  });

  it('holds a reply open after its text until the call is aborted', async () => {
    const model = createScriptedModel({ replies: [{ text: 'still writing', hold: true }, { text: 'waiting', hold: true }] });
    const streaming = new AbortController();
    const result = streamText({ model, prompt: 'write', abortSignal: streaming.signal });
    const deltas: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
      // Every scripted delta arrived and the stream is still open: stop it.
      if (deltas.join('') === 'still writing') streaming.abort(new Error('stopped by the user'));
      if (part.type === 'finish') throw new Error('a held reply must not finish');
    }
    expect(deltas).toEqual(['still', ' writing']);
    const generating = new AbortController();
    const pending = generateText({ model, prompt: 'wait', abortSignal: generating.signal, maxRetries: 0 });
    generating.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('fails with an APICallError carrying the scripted status', async () => {
    const model = createScriptedModel({ replies: [{ error: { status: 401 } }, { error: { status: 503, message: 'busy' } }] });
    const unauthorized = await generateText({ model, prompt: 'Hi' }).catch((error: unknown) => error);
    expect(APICallError.isInstance(unauthorized) && unauthorized.statusCode).toBe(401);
    const overloaded = await generateText({ model, prompt: 'Hi', maxRetries: 0 }).catch((error: unknown) => error);
    expect(APICallError.isInstance(overloaded) && overloaded.isRetryable).toBe(true);
    expect((overloaded as Error).message).toBe('busy');
  });

  it('chooses replies with a default function of the call options', async () => {
    const model = createScriptedModel({ default: (callOptions) => ({ text: `${callOptions.prompt.length} messages` }) });
    const { text } = await generateText({ model, system: 'S', prompt: 'P' });
    expect(text).toBe('2 messages');
  });
});
