import { createAgent, DowncityError, ErrorCodes, type AgentOptions, type ModelConfigInput } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import type { FakeAnthropic } from '../fake-anthropic/fake-anthropic.js';
import { startFakeAnthropic } from '../fake-anthropic/start-fake-anthropic.js';
import type { FakeOpenAI } from '../fake-openai/fake-openai.js';
import { startFakeOpenAI } from '../fake-openai/start-fake-openai.js';
import { recordingLogger } from '../recording-logger.js';
import { silent, weather } from './weather-service.fixture.js';

const primary = (fake: FakeOpenAI, extra: Partial<ModelConfigInput> = {}): ModelConfigInput => ({
  provider: 'openai',
  model: 'gpt-4o',
  api: 'chat',
  baseURL: fake.baseURL,
  apiKey: 'sk-openai-secret',
  maxRetries: 1,
  ...extra,
});
const backup = (fake: FakeAnthropic): ModelConfigInput => ({ provider: 'anthropic', model: 'claude-sonnet-4-5', baseURL: fake.baseURL, apiKey: 'sk-ant-secret', maxRetries: 0 });

async function startAgent(options: Pick<AgentOptions, 'model' | 'config' | 'logger'>) {
  const agent = createAgent({ logger: silent, services: [weather], ...options });
  await agent.start();
  await agent.session.open('chat:f', { kind: 'chat' });
  return agent;
}

const stepModels = async (agent: ReturnType<typeof createAgent>) =>
  (await agent.session.history('chat:f')).filter((message) => message.role === 'assistant').map((message) => message.metadata.model);

describe('model fallback: `model` as a list', () => {
  for (const [status, label] of [
    [429, 'rate limited'],
    [503, 'unavailable'],
  ] as const) {
    for (const streamed of [false, true]) {
      it(`${label} (${status}) after its retries, ${streamed ? 'streamed' : 'not streamed'}: the next model answers and the turn records which`, async () => {
        await using openai = await startFakeOpenAI();
        await using anthropic = await startFakeAnthropic();
        openai.enqueue({ error: { status, retryAfterSeconds: 0.05 } }, { error: { status } });
        anthropic.enqueue({ content: [{ type: 'text', text: 'Answered by the backup.' }] });
        const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic)] } });
        const deltas: string[] = [];
        const result = await agent.session.turn('chat:f', {
          input: [{ role: 'user', content: 'Hello?' }],
          ...(streamed ? { onTextDelta: (delta: string) => deltas.push(delta) } : {}),
        });
        expect(result.text).toBe('Answered by the backup.');
        expect(result.model).toBe('anthropic:claude-sonnet-4-5');
        expect(result.fallbacks).toEqual([{ from: 'openai:gpt-4o', to: 'anthropic:claude-sonnet-4-5' }]);
        if (streamed) expect(deltas.join('')).toBe('Answered by the backup.');
        // The first model got its call and its one retry; the backup got the same conversation.
        expect(openai.chatRequests).toHaveLength(2);
        expect(anthropic.messageRequests).toHaveLength(1);
        expect(anthropic.messageRequests[0]?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hello?' }] }]);
        expect(await stepModels(agent)).toEqual(['anthropic:claude-sonnet-4-5']);
        await agent.stop();
      });
    }
  }

  it('an overloaded backup (Anthropic 529) moves on to a third model', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    await using third = await startFakeOpenAI();
    openai.enqueue({ error: { status: 500, retryAfterSeconds: 0.05 } }, { error: { status: 500 } });
    anthropic.enqueue({ error: { status: 529 } });
    third.enqueue({ text: 'Third time lucky.' });
    const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic), primary(third, { model: 'gpt-4o-mini' })] } });
    const result = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }] });
    expect(result.text).toBe('Third time lucky.');
    expect(result.fallbacks.map((fallback) => fallback.to)).toEqual(['anthropic:claude-sonnet-4-5', 'openai:gpt-4o-mini']);
    expect(third.chatRequests[0]?.model).toBe('gpt-4o-mini');
    await agent.stop();
  });

  it('a failure mid-turn: the next model goes on from the stored steps, tool call and result included', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    openai.enqueue({ toolCalls: [{ name: 'weather_lookup', arguments: { city: 'Paris' }, id: 'call_paris' }] }, { error: { status: 502, retryAfterSeconds: 0.05 } }, { error: { status: 502 } });
    anthropic.enqueue({ content: [{ type: 'text', text: 'Grey in Paris.' }] });
    const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic)] } });
    const result = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(result.text).toBe('Grey in Paris.');
    expect(result.steps).toBe(2);
    // Step 1 ran on the first model, step 2 on the backup, and the history says so.
    expect(await stepModels(agent)).toEqual(['openai:gpt-4o', 'anthropic:claude-sonnet-4-5']);
    const sent = JSON.stringify(anthropic.messageRequests[0]?.messages);
    expect(sent).toContain('"type":"tool_use"');
    expect(sent).toContain('"name":"weather_lookup"');
    expect(sent).toContain('"type":"tool_result"');
    expect(sent).toContain('grey');
    await agent.stop();
  });

  it('a model that hangs past callTimeoutMs is left for the next one', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    openai.enqueue({ hang: true });
    anthropic.enqueue({ content: [{ type: 'text', text: 'Not stuck.' }] });
    const agent = await startAgent({ config: { model: [primary(openai, { maxRetries: 0, callTimeoutMs: 200 }), backup(anthropic)] } });
    for (const streamed of [false, true]) {
      if (streamed) {
        openai.enqueue({ hang: true });
        anthropic.enqueue({ content: [{ type: 'text', text: 'Not stuck.' }] });
      }
      const result = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }], ...(streamed ? { onTextDelta: () => {} } : {}) });
      expect(result.text).toBe('Not stuck.');
      expect(result.model).toBe('anthropic:claude-sonnet-4-5');
    }
    await agent.stop();
  });

  it('a stream that stalls after it started (the first SSE chunk came) times out the same way', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    openai.enqueue({ text: 'one two three four five six seven eight', chunkDelayMs: 2_000 });
    anthropic.enqueue({ content: [{ type: 'text', text: 'Complete answer.' }] });
    const agent = await startAgent({ config: { model: [primary(openai, { maxRetries: 0, callTimeoutMs: 300 }), backup(anthropic)] } });
    const deltas: string[] = [];
    const result = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }], onTextDelta: (delta) => deltas.push(delta) });
    expect(result.text).toBe('Complete answer.');
    // Whatever the stalled model streamed before it stopped was shown; the backup's answer follows it.
    expect(deltas.join('')).toMatch(/Complete answer\.$/);
    expect(result.fallbacks).toEqual([{ from: 'openai:gpt-4o', to: 'anthropic:claude-sonnet-4-5' }]);
    await agent.stop();
  });

  for (const [status, code] of [
    [401, ErrorCodes.MODEL_AUTH],
    [400, ErrorCodes.MODEL_REQUEST_INVALID],
  ] as const) {
    it(`a ${status} is reported, not passed over: the next model is never called`, async () => {
      await using openai = await startFakeOpenAI();
      await using anthropic = await startFakeAnthropic();
      openai.enqueue({ error: { status } });
      const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic)] } });
      const failure = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }] }).catch((error: unknown) => error);
      expect(DowncityError.is(failure) && failure.code).toBe(code);
      expect(anthropic.messageRequests).toHaveLength(0);
      expect(openai.chatRequests).toHaveLength(1);
      await agent.stop();
    });
  }

  it('when every model fails, the error names them in order and logs each move without a key', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    openai.enqueue({ error: { status: 503, retryAfterSeconds: 0.05 } }, { error: { status: 503 } });
    anthropic.enqueue({ error: { status: 529 } });
    const logger = recordingLogger();
    const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic)] }, logger });
    const failure = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }] }).catch((error: unknown) => error);
    expect(DowncityError.is(failure) && failure.code).toBe(ErrorCodes.MODEL_UNAVAILABLE);
    expect((failure as Error).message).toContain('models tried in order: openai:gpt-4o, anthropic:claude-sonnet-4-5');
    const moves = logger.lines.filter((line) => line.message.includes('moves to the next model'));
    expect(moves).toHaveLength(1);
    expect(moves[0]?.fields).toMatchObject({ from: 'openai:gpt-4o', to: 'anthropic:claude-sonnet-4-5' });
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain('sk-openai-secret');
    expect(logged).not.toContain('sk-ant-secret');
    await agent.stop();
  });

  it('AgentOptions.model takes a list of shorthands, filled in from the config entry of each provider', async () => {
    await using openai = await startFakeOpenAI();
    await using anthropic = await startFakeAnthropic();
    openai.enqueue({ error: { status: 503, retryAfterSeconds: 0.05 } }, { error: { status: 503 } });
    anthropic.enqueue({ content: [{ type: 'text', text: 'Shorthand backup.' }] });
    const agent = await startAgent({ config: { model: [primary(openai), backup(anthropic)] }, model: ['openai:gpt-4.1', 'anthropic:claude-haiku-4-5'] });
    const result = await agent.session.turn('chat:f', { input: [{ role: 'user', content: 'Hello?' }] });
    expect(result.model).toBe('anthropic:claude-haiku-4-5');
    expect(openai.chatRequests[0]?.model).toBe('gpt-4.1');
    expect(anthropic.messageRequests[0]?.model).toBe('claude-haiku-4-5');
    await agent.stop();
  });

  it('a malformed list is a clear config error naming the entry', async () => {
    const empty = createAgent({ logger: silent, config: { model: [] } });
    await expect(empty.start()).rejects.toThrow(/model.*at least one model/);
    const broken = createAgent({ logger: silent, config: { model: [{ provider: 'openai', model: 'gpt-4o', apiKey: 'k' }, { provider: 'openai-compatible', model: 'qwen' }] } });
    await expect(broken.start()).rejects.toThrow(/model\.1\.baseURL: is required for provider "openai-compatible"/);
    const unknown = createAgent({ logger: silent, config: { model: [{ provider: 'openai', model: 'gpt-4o', apiKey: 'k' }, { provider: 'bard' } as never] } });
    await expect(unknown.start()).rejects.toThrow(/model\.1\.provider: Invalid option/);
  });
});
