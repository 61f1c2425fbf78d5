import { createAgent, DowncityError, ErrorCodes, type AgentOptions } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../fake-openai/start-fake-openai.js';

const silent = { level: 'silent' } as const;

async function turn(model: AgentOptions['model'], env: Record<string, string> = {}) {
  const agent = createAgent({ logger: silent, model, env });
  await agent.start();
  try {
    await agent.session.open('chat:p', { kind: 'chat' });
    return await agent.session.turn('chat:p', { input: [{ role: 'user', content: 'ping' }] });
  } finally {
    await agent.stop();
  }
}

describe('models chosen by config, against the fake OpenAI server', () => {
  it('openai (Responses API, key from OPENAI_API_KEY), openai-compatible and ollama (chat completions) all reach the endpoint', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-right' });
    expect((await turn({ provider: 'openai', model: 'gpt-x', baseURL: fake.baseURL }, { OPENAI_API_KEY: 'sk-right' })).text).toBe('echo: ping');
    expect((await turn({ provider: 'openai-compatible', model: 'qwen', baseURL: fake.baseURL, apiKey: 'sk-right' })).text).toBe('echo: ping');
    expect((await turn({ provider: 'ollama', model: 'llama', baseURL: fake.baseURL, apiKeyEnv: 'LOCAL_KEY' }, { LOCAL_KEY: 'sk-right' })).text).toBe('echo: ping');
    expect(fake.responsesRequests.map((request) => request.model)).toEqual(['gpt-x']);
    expect(fake.chatRequests.map((request) => request.model)).toEqual(['qwen', 'llama']);
  });

  it('the provider:model shorthand with config baseURL', async () => {
    await using fake = await startFakeOpenAI();
    const agent = createAgent({ logger: silent, model: 'openai-compatible:tiny', config: { model: { provider: 'openai-compatible', model: 'ignored', baseURL: fake.baseURL } } });
    await agent.start();
    await agent.session.open('chat:s', { kind: 'chat' });
    expect((await agent.session.turn('chat:s', { input: [{ role: 'user', content: 'hi' }] })).text).toBe('echo: hi');
    expect(fake.chatRequests[0]?.model).toBe('tiny');
    await agent.stop();
  });

  it('a wrong key is MODEL_AUTH naming what to fix; the key never appears', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-right' });
    const error = (await turn({ provider: 'openai', model: 'gpt-x', baseURL: fake.baseURL }, { OPENAI_API_KEY: 'sk-wrong-key-123' }).catch((caught: unknown) => caught)) as DowncityError;
    expect(DowncityError.is(error, ErrorCodes.MODEL_AUTH)).toBe(true);
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain('sk-wrong-key-123');
  });

  it('a 429 is retried after retry-after and the turn succeeds; a missing key is a config error', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ error: { status: 429, retryAfterSeconds: 0.05 } }, { text: 'finally' });
    expect((await turn({ provider: 'openai-compatible', model: 'm', baseURL: fake.baseURL })).text).toBe('finally');
    expect(fake.chatRequests).toHaveLength(2);
    const missing = (await turn({ provider: 'anthropic', model: 'claude' }).catch((caught: unknown) => caught)) as DowncityError;
    expect(DowncityError.is(missing, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(missing.message).toContain('ANTHROPIC_API_KEY');
  });
});
