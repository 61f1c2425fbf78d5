import { APICallError } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAgent, createLogger, DowncityError, ErrorCodes } from '../index.js';
import { calcService, scriptedModel, testPlugin } from '../../test/fixtures.js';

const silent = { level: 'silent' } as const;

describe('sessions', () => {
  it('runs work for one session strictly in arrival order, different sessions concurrently', async () => {
    const agent = createAgent({ logger: silent });
    await agent.start();
    const order: string[] = [];
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const jobs = [
      agent.session.exclusive('s1', async () => (await sleep(30), order.push('s1-first'))),
      agent.session.exclusive('s1', async () => order.push('s1-second')),
      agent.session.exclusive('s2', async () => order.push('s2-only')),
    ];
    await Promise.all(jobs);
    expect(order).toEqual(['s2-only', 's1-first', 's1-second']);
    await agent.stop();
  });

  it('stores the input, every step (tool call, tool result, answer) and passes the principal to tools', async () => {
    const seen: unknown[] = [];
    const guard = testPlugin({ id: 'watch', attaches: { 'calc/check': { kind: 'guard' } } }, () => ({
      handlers: { ['calc/check' as never]: (input: unknown) => (seen.push(input), { allow: true }) },
    }));
    const model = scriptedModel([{ tool: 'calc_add', input: { a: 2, b: 3 } }, { text: 'The sum is 5.' }]);
    const agent = createAgent({ logger: silent, model, services: [calcService], plugins: [guard] });
    await agent.start();
    await agent.session.open('chat:t:1', { kind: 'chat' });
    const result = await agent.session.turn('chat:t:1', {
      input: [{ role: 'user', content: 'what is 2+3?' }],
      principal: { id: 'telegram:42' },
    });
    expect(result.text).toBe('The sum is 5.');
    expect(result.steps).toBe(2);
    const history = await agent.session.history('chat:t:1');
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(JSON.stringify(history[2]?.content)).toContain('"sum":5');
    expect(seen).toEqual([{ a: 2, b: 3, principal: 'telegram:42' }]);
    // Each step's usage and duration are stored once, on its first message, and add up to the turn's usage.
    const steps = history.filter((message) => message.metadata.usage !== undefined);
    expect(steps.map((message) => [message.role, message.metadata.step])).toEqual([
      ['assistant', 1],
      ['assistant', 2],
    ]);
    for (const message of steps) {
      expect(message.metadata.usage).toEqual({ inputTokens: 1, outputTokens: 1, totalTokens: 2 });
      expect(message.metadata.durationMs).toEqual(expect.any(Number));
    }
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 2, totalTokens: 4 });
    expect(history[2]?.metadata.usage).toBeUndefined();
    await agent.stop();
  });

  it('reports each stored step (tool call with its arguments, tool result, answer) to onStep as it finishes', async () => {
    const model = scriptedModel([{ tool: 'calc_add', input: { a: 2, b: 3 } }, { text: 'The sum is 5.' }]);
    const agent = createAgent({ logger: silent, model, services: [calcService] });
    await agent.start();
    await agent.session.open('chat:t:steps', { kind: 'chat' });
    const steps: { index: number; finishReason: string; roles: string[]; storedBefore: number }[] = [];
    const parts: unknown[] = [];
    await agent.session.turn('chat:t:steps', {
      input: [{ role: 'user', content: 'what is 2+3?' }],
      onStep: async (step) => {
        // Called after the step is stored: the history already holds it.
        const storedBefore = (await agent.session.history('chat:t:steps')).length;
        steps.push({ index: step.index, finishReason: step.finishReason, roles: step.messages.map((message) => message.role), storedBefore });
        parts.push(...step.messages.flatMap((message) => (Array.isArray(message.content) ? message.content : [])));
      },
    });
    expect(steps).toEqual([
      { index: 1, finishReason: 'tool-calls', roles: ['assistant', 'tool'], storedBefore: 3 },
      { index: 2, finishReason: 'stop', roles: ['assistant'], storedBefore: 4 },
    ]);
    expect(parts).toContainEqual(expect.objectContaining({ type: 'tool-call', toolName: 'calc_add', input: { a: 2, b: 3 } }));
    expect(parts).toContainEqual(expect.objectContaining({ type: 'tool-result', toolName: 'calc_add', output: { type: 'json', value: { sum: 5 } } }));
    await agent.stop();
  });

  it('ends the turn with the error onStep throws, keeping the step it saw stored', async () => {
    const model = scriptedModel([{ tool: 'calc_add', input: { a: 1, b: 1 } }, { text: 'never asked' }]);
    const agent = createAgent({ logger: silent, model, services: [calcService] });
    await agent.start();
    await agent.session.open('chat:t:throws', { kind: 'chat' });
    const turn = agent.session.turn('chat:t:throws', {
      input: [{ role: 'user', content: '1+1?' }],
      onStep: () => {
        throw new DowncityError(ErrorCodes.INTERNAL, 'the observer broke');
      },
    });
    await expect(turn).rejects.toThrow('the observer broke');
    expect((await agent.session.history('chat:t:throws')).map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    await agent.stop();
  });

  it('builds the prompt from a bounded window and honours reset', async () => {
    const model = scriptedModel([], { text: 'fine' });
    const agent = createAgent({ logger: silent, model, config: { session: { window: 4, maxSteps: 2 } } });
    await agent.start();
    await agent.session.open('chat:w', { kind: 'chat' });
    await agent.session.append('chat:w', Array.from({ length: 1_000 }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: `m${index}` })) as never);
    await agent.session.turn('chat:w', { input: [{ role: 'user', content: 'latest' }] });
    const prompt = model.doGenerateCalls[0]?.prompt ?? [];
    expect(prompt.filter((message) => message.role !== 'system')).toHaveLength(4);
    expect(JSON.stringify(prompt.at(-1))).toContain('latest');

    await agent.session.reset('chat:w');
    await agent.session.turn('chat:w', { input: [{ role: 'user', content: 'after reset' }] });
    const second = model.doGenerateCalls[1]?.prompt ?? [];
    expect(second.filter((message) => message.role !== 'system')).toHaveLength(1);
    expect(await agent.session.history('chat:w', { limit: 5000 })).toHaveLength(1_004);
    await agent.stop();
  });

  it('without a model, turn() explains how to configure one', async () => {
    const agent = createAgent({ logger: silent });
    await agent.start();
    await agent.session.open('chat:n', { kind: 'chat' });
    const error = await agent.session.turn('chat:n', { input: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, ErrorCodes.MODEL_NOT_CONFIGURED)).toBe(true);
    expect(String((error as Error).message)).toMatch(/openai.*anthropic.*ollama/);
    await agent.stop();
  });

  it('maps a provider 401 to MODEL_AUTH, keeps the input stored, and never leaks the key', async () => {
    const key = 'sk-test-very-secret-key-123';
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({ message: `Incorrect API key provided: ${key}`, url: 'http://x', requestBodyValues: {}, statusCode: 401, isRetryable: false });
      },
    });
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    // Parse the config so the key is registered as a secret, then swap in the failing model.
    const real = createAgent({ logger: silent, model: { provider: 'openai', model: 'gpt-4o-mini', apiKey: key } });
    await real.start();
    await real.stop();
    const failing = createAgent({ logger: createLogger({ destination, level: 'debug' }), model });
    await failing.start();
    await failing.session.open('chat:k', { kind: 'chat' });
    const error = (await failing.session.turn('chat:k', { input: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as DowncityError;
    expect(error.code).toBe(ErrorCodes.MODEL_AUTH);
    expect(error.message).not.toContain(key);
    expect((error.cause as Error).message).toContain(key);
    failing.logger.error({ err: error, apiKey: key, note: `key is ${key}` }, `failed with ${key}`);
    expect(lines.join('')).not.toContain(key);
    expect(lines.join('')).toContain('[redacted]');
    expect(await failing.session.history('chat:k')).toHaveLength(1);
    await failing.stop();
  });

  it('rejects malformed session ids with a clear error', async () => {
    const agent = createAgent({ logger: silent });
    await agent.start();
    await expect(agent.session.open('bad id with spaces', { kind: 'chat' })).rejects.toThrow(/Invalid session id/);
    await agent.stop();
  });
});
