import { MockLanguageModelV3, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, defineAction, defineService, DowncityError, ErrorCodes, type ActionSignature } from '../index.js';
import { loadProvider } from './load-provider.js';
import { mergeProviderOptions } from './provider-options.js';

declare module '../index.js' {
  interface Actions {
    'clock/wait': ActionSignature<{ label: string; ms: number }, { label: string }>;
  }
}

const silent = { level: 'silent' } as const;
const usage = { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 2, text: 2, reasoning: 0 } };
const stop = { unified: 'stop', raw: 'stop' } as const;
const toolCalls = { unified: 'tool-calls', raw: 'tool_use' } as const;

const spans: { label: string; start: number; end: number }[] = [];
const clock = defineService({
  package: { name: 'test-clock', version: '1.0.0', downcity: { id: 'clock', kind: 'service', actions: { 'clock/wait': { description: 'Waits', tool: true } } } },
  setup: () => ({
    actions: {
      wait: defineAction({
        description: 'Waits, then answers its label',
        input: z.object({ label: z.string(), ms: z.number() }),
        output: z.object({ label: z.string() }),
        run: async ({ label, ms }) => {
          const start = performance.now();
          await new Promise((resolve) => setTimeout(resolve, ms));
          spans.push({ label, start, end: performance.now() });
          return { label };
        },
      }),
    },
  }),
});

describe('the model layer on the AI SDK loop', () => {
  it('runs the tool calls of one step concurrently and stores their results in call order', async () => {
    spans.length = 0;
    let call = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        call++;
        if (call === 1) {
          return {
            content: [
              { type: 'tool-call', toolCallId: 'slow', toolName: 'clock_wait', input: '{"label":"slow","ms":120}' },
              { type: 'tool-call', toolCallId: 'fast', toolName: 'clock_wait', input: '{"label":"fast","ms":10}' },
            ],
            finishReason: toolCalls,
            usage,
            warnings: [],
          };
        }
        return { content: [{ type: 'text', text: 'both done' }], finishReason: stop, usage, warnings: [] };
      },
    });
    const agent = createAgent({ logger: silent, model, services: [clock] });
    await agent.start();
    await agent.session.open('chat:c', { kind: 'chat' });
    const result = await agent.session.turn('chat:c', { input: [{ role: 'user', content: 'go' }] });
    expect(result.text).toBe('both done');
    const [slow, fast] = [spans.find((span) => span.label === 'slow'), spans.find((span) => span.label === 'fast')];
    expect(fast && slow && fast.start < slow.end).toBe(true);
    const tool = (await agent.session.history('chat:c')).find((message) => message.role === 'tool');
    expect((tool?.content as { toolCallId: string }[] | undefined)?.map((part) => part.toolCallId)).toEqual(['slow', 'fast']);
    await agent.stop();
  });

  it('keeps reasoning and tool-call provider metadata in storage and sends it back on the next step and turn', async () => {
    const prompts: unknown[] = [];
    let call = 0;
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        prompts.push(options.prompt);
        call++;
        if (call === 1) {
          return {
            content: [
              { type: 'reasoning', text: 'think', providerMetadata: { acme: { signature: 'sig-1' } } },
              { type: 'tool-call', toolCallId: 't1', toolName: 'clock_wait', input: '{"label":"a","ms":1}', providerMetadata: { acme: { itemId: 'fc_1' } } },
            ],
            finishReason: toolCalls,
            usage,
            warnings: [],
          };
        }
        return { content: [{ type: 'text', text: 'ok' }], finishReason: stop, usage, warnings: [] };
      },
    });
    const agent = createAgent({ logger: silent, model, services: [clock], providerOptions: { acme: { effort: 'low' } } });
    await agent.start();
    await agent.session.open('chat:m', { kind: 'chat' });
    await agent.session.turn('chat:m', { input: [{ role: 'user', content: 'go' }], providerOptions: { acme: { budget: 5 } } });
    await agent.session.turn('chat:m', { input: [{ role: 'user', content: 'again' }] });
    const assistantParts = (prompt: unknown) =>
      (prompt as { role: string; content: { type: string; providerOptions?: unknown }[] }[]).filter((message) => message.role === 'assistant').flatMap((message) => message.content);
    for (const prompt of [prompts[1], prompts[2]]) {
      expect(assistantParts(prompt).find((part) => part.type === 'reasoning')?.providerOptions).toEqual({ acme: { signature: 'sig-1' } });
      expect(assistantParts(prompt).find((part) => part.type === 'tool-call')?.providerOptions).toEqual({ acme: { itemId: 'fc_1' } });
    }
    await agent.stop();
  });

  it('passes provider options from the agent, the session and the call, the call winning', async () => {
    const seen: unknown[] = [];
    const model = new MockLanguageModelV4({
      doGenerate: async (options) => {
        seen.push(options.providerOptions);
        return { content: [{ type: 'text', text: 'ok' }], finishReason: stop, usage, warnings: [] };
      },
    });
    const agent = createAgent({ logger: silent, model, providerOptions: { acme: { effort: 'low', cache: true } } });
    await agent.start();
    await agent.session.open('chat:p', { kind: 'chat', metadata: { providerOptions: { acme: { effort: 'medium' } } } });
    await agent.session.turn('chat:p', { input: [{ role: 'user', content: 'hi' }], providerOptions: { acme: { effort: 'high' }, other: { x: 1 } } });
    expect(seen[0]).toEqual({ acme: { effort: 'high', cache: true }, other: { x: 1 } });
    expect(mergeProviderOptions(undefined, undefined)).toBeUndefined();
    await agent.stop();
  });

  it('accepts AI SDK 6 (v3) model instances as well as v4', async () => {
    const v3 = new MockLanguageModelV3({ doGenerate: async () => ({ content: [{ type: 'text', text: 'from v3' }], finishReason: stop, usage, warnings: [] }) });
    const agent = createAgent({ logger: silent, model: v3 });
    await agent.start();
    await agent.session.open('chat:v', { kind: 'chat' });
    expect((await agent.session.turn('chat:v', { input: [{ role: 'user', content: 'hi' }] })).text).toBe('from v3');
    await agent.stop();
  });

  it('a missing provider package is an error naming the package to install', async () => {
    const missing = Object.assign(new Error("Cannot find package '@ai-sdk/anthropic' imported from /app/core.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = (await loadProvider('@ai-sdk/anthropic', () => Promise.reject(missing), 'anthropic').catch((caught: unknown) => caught)) as DowncityError;
    expect(DowncityError.is(error, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(error.message).toContain('pnpm add @ai-sdk/anthropic');
    const other = new Error('boom');
    await expect(loadProvider('@ai-sdk/anthropic', () => Promise.reject(other), 'anthropic')).rejects.toBe(other);
  });
});
