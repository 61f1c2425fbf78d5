import { APICallError, simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createAgent, DowncityError, ErrorCodes } from '../index.js';

const usage = { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } };
const silent = { level: 'silent' } as const;

describe('model loop', () => {
  it('streams text deltas and stores the final answer', async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'Hel' },
            { type: 'text-delta', id: 't', delta: 'lo!' },
            { type: 'text-end', id: 't' },
            { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
          ],
        }),
      }),
    });
    const agent = createAgent({ logger: silent, model });
    await agent.start();
    await agent.session.open('chat:s', { kind: 'chat' });
    const deltas: string[] = [];
    const result = await agent.session.turn('chat:s', { input: [{ role: 'user', content: 'hi' }], onTextDelta: (delta) => deltas.push(delta) });
    expect(deltas).toEqual(['Hel', 'lo!']);
    expect(result.text).toBe('Hello!');
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 2, totalTokens: 5 });
    expect((await agent.session.history('chat:s')).map((message) => message.content)).toEqual(['hi', [{ type: 'text', text: 'Hello!' }]]);
    await agent.stop();
  });

  it('retries a 429 after the delay the provider gave, then succeeds', async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        calls++;
        if (calls === 1) {
          throw new APICallError({ message: 'Rate limit', url: 'http://x', requestBodyValues: {}, statusCode: 429, responseHeaders: { 'retry-after-ms': '30' }, isRetryable: true });
        }
        return { content: [{ type: 'text', text: 'after retry' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      },
    });
    const agent = createAgent({ logger: silent, model });
    await agent.start();
    await agent.session.open('chat:r', { kind: 'chat' });
    const started = Date.now();
    const result = await agent.session.turn('chat:r', { input: [{ role: 'user', content: 'hi' }] });
    expect(result.text).toBe('after retry');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_500);
    await agent.stop();
  });

  it('gives up on a persistent 503 with MODEL_UNAVAILABLE and a turn timeout with TIMEOUT', async () => {
    const failing = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({ message: 'down', url: 'http://x', requestBodyValues: {}, statusCode: 503, responseHeaders: { 'retry-after-ms': '1' }, isRetryable: true });
      },
    });
    const agent = createAgent({ logger: silent, model: failing });
    await agent.start();
    await agent.session.open('chat:u', { kind: 'chat' });
    const error = (await agent.session.turn('chat:u', { input: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as DowncityError;
    expect(error.code).toBe(ErrorCodes.MODEL_UNAVAILABLE);
    await agent.stop();

    const hanging = new MockLanguageModelV4({ doGenerate: ({ abortSignal }) => new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason))) });
    const slow = createAgent({ logger: silent, model: hanging, config: { model: { provider: 'ollama', model: 'x', timeoutMs: 50 } } });
    await slow.start();
    await slow.session.open('chat:t', { kind: 'chat' });
    const timeout = (await slow.session.turn('chat:t', { input: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as DowncityError;
    expect(timeout.code).toBe(ErrorCodes.TIMEOUT);
    expect(await slow.session.history('chat:t')).toHaveLength(1);
    await slow.stop();
  });

  it('returns a tool error to the model instead of failing the turn', async () => {
    let call = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        call++;
        if (call === 1) return { content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'nope_missing', input: '{}' }], finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage, warnings: [] };
        return { content: [{ type: 'text', text: 'sorry' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      },
    });
    const agent = createAgent({ logger: silent, model });
    await agent.start();
    await agent.session.open('chat:e', { kind: 'chat' });
    const result = await agent.session.turn('chat:e', { input: [{ role: 'user', content: 'go' }] });
    expect(result.text).toBe('sorry');
    const history = await agent.session.history('chat:e');
    expect(history[2]?.content).toMatchObject([{ type: 'tool-result', toolCallId: 'c1', output: { type: 'error-text', value: expect.stringContaining('nope_missing') } }]);
    await agent.stop();
  });
});
