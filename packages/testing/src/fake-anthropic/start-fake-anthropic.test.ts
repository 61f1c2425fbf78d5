import { createAnthropic } from '@ai-sdk/anthropic';
import { APICallError, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { anthropicStreamEvents } from './anthropic-stream.js';
import { toAnthropicMessage } from './anthropic-message.js';
import { startFakeAnthropic } from './start-fake-anthropic.js';

describe('fake Anthropic Messages API', () => {
  it('answers the real client, records the request, and checks x-api-key and anthropic-version', async () => {
    await using fake = await startFakeAnthropic({ apiKey: 'sk-ant-right' });
    const model = createAnthropic({ baseURL: fake.baseURL, apiKey: 'sk-ant-right' })('claude-sonnet-4-5');
    const { text, usage } = await generateText({ model, system: 'Be brief.', prompt: 'Hello' });
    expect(text).toBe('echo: Hello');
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(fake.messageRequests[0]).toMatchObject({ model: 'claude-sonnet-4-5', system: [{ type: 'text', text: 'Be brief.' }] });
    expect(fake.requests[0]?.headers['anthropic-version']).toBeTruthy();
    expect(fake.requests[0]?.headers['x-api-key']).toBe('[redacted]');

    const wrong = createAnthropic({ baseURL: fake.baseURL, apiKey: 'sk-ant-wrong' })('claude-sonnet-4-5');
    const error = await generateText({ model: wrong, prompt: 'Hi', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.statusCode).toBe(401);
    expect(APICallError.isInstance(error) && error.responseBody).toContain('authentication_error');
  });

  it('streams thinking with one signature_delta, text and tool input as the API does', async () => {
    const message = toAnthropicMessage({
      blocks: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig==' },
        { type: 'tool_use', name: 'lookup', input: { city: 'Paris' } },
      ],
      body: { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Paris?' }] },
      messageId: 'msg_1',
      nextToolUseId: () => 'toolu_1',
    });
    const events = anthropicStreamEvents(message);
    expect(events.map((event) => event.type)).toEqual([
      'message_start', 'ping',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'message_delta', 'message_stop',
    ]);
    expect(events.filter((event) => (event.delta as { type?: string } | undefined)?.type === 'signature_delta')).toEqual([{ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } }]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use', stop_sequence: null } });

    await using fake = await startFakeAnthropic();
    fake.enqueue({ content: [{ type: 'thinking', thinking: 'Hmm.', signature: 's1' }, { type: 'text', text: 'Done thinking.' }] });
    const result = streamText({ model: createAnthropic({ baseURL: fake.baseURL, apiKey: 'k' })('claude-sonnet-4-5'), prompt: 'Go' });
    expect(await result.text).toBe('Done thinking.');
    expect(await result.reasoningText).toBe('Hmm.');
    expect((await result.reasoning)[0]?.providerMetadata).toEqual({ anthropic: { signature: 's1' } });
  });

  it('a scripted 429 carries retry-after and the rate_limit_error type', async () => {
    await using fake = await startFakeAnthropic();
    fake.enqueue({ error: { status: 429, retryAfterSeconds: 0 } }, { content: [{ type: 'text', text: 'after retry' }] });
    const { text } = await generateText({ model: createAnthropic({ baseURL: fake.baseURL, apiKey: 'k' })('claude-sonnet-4-5'), prompt: 'Hi', maxRetries: 1 });
    expect(text).toBe('after retry');
    expect(fake.messageRequests).toHaveLength(2);
  });
});
