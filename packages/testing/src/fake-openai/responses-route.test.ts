import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toResponsesObject } from './responses-answer.js';
import { responsesStreamEvents } from './responses-stream.js';
import { startFakeOpenAI } from './start-fake-openai.js';

const ids = () => {
  let item = 0;
  return { response: 'resp_1', item: (prefix: string) => `${prefix}_${(item += 1)}`, call: () => 'call_1' };
};

describe('fake OpenAI Responses API', () => {
  it('puts encrypted_content on a reasoning item only when include asks for it', () => {
    const reply = { reasoning: 'Think.', text: 'Hi.' };
    const without = toResponsesObject({ reply, body: { model: 'o4-mini', input: 'x' }, ids: ids() });
    const withIt = toResponsesObject({ reply, body: { model: 'o4-mini', input: 'x', include: ['reasoning.encrypted_content'] }, ids: ids() });
    expect(without.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think.' }], encrypted_content: null });
    expect(withIt.output[0]).toMatchObject({ type: 'reasoning', encrypted_content: expect.stringMatching(/^enc_/) });
    expect(withIt.output[1]).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi.' }] });
  });

  it('reports scripted usage with cached and reasoning tokens through @ai-sdk/openai', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ text: 'ok', reasoning: 'thinking', usage: { inputTokens: 900, outputTokens: 80, cachedInputTokens: 700, reasoningTokens: 60 } });
    const result = await generateText({ model: createOpenAI({ baseURL: fake.baseURL, apiKey: 'k' }).responses('gpt-4o-mini'), prompt: 'hi' });
    expect(result.usage).toMatchObject({ inputTokens: 900, outputTokens: 80, inputTokenDetails: { cacheReadTokens: 700 }, outputTokenDetails: { reasoningTokens: 60 } });
  });

  it('streams items between output_item.added and output_item.done, numbered, ending with response.completed', () => {
    const body = toResponsesObject({ reply: { reasoning: 'R.', toolCalls: [{ name: 'f', arguments: { a: 1 } }] }, body: { model: 'o4-mini', input: 'x' }, ids: ids() });
    const events = responsesStreamEvents(body);
    expect(events.map((event) => event.type)).toEqual([
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  });

  for (const streamed of [false, true]) {
    it(`${streamed ? 'streams' : 'answers'} a tool call through @ai-sdk/openai and gets the function_call_output back`, async () => {
      await using fake = await startFakeOpenAI();
      fake.enqueue({ toolCalls: [{ name: 'weather', arguments: { city: 'Paris' }, id: 'call_w' }] }, { text: 'Sunny.' });
      const options = {
        model: createOpenAI({ baseURL: fake.baseURL, apiKey: 'k' }).responses('gpt-4o-mini'),
        prompt: 'Weather in Paris?',
        tools: { weather: tool({ description: 'Weather', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, sky: 'sunny' }) }) },
        stopWhen: isStepCount(3),
      };
      const text = streamed ? await streamText(options).text : (await generateText(options)).text;
      expect(text).toBe('Sunny.');
      expect(fake.responsesRequests[1]?.input).toContainEqual(expect.objectContaining({ type: 'function_call_output', call_id: 'call_w' }));
    });
  }
});
