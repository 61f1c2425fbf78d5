import { createAgent, type AgentOptions } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fake-anthropic/start-fake-anthropic.js';
import { startFakeOpenAI } from '../fake-openai/start-fake-openai.js';
import { silent, weather } from './weather-service.fixture.js';

async function startAgent(model: AgentOptions['model']) {
  const agent = createAgent({ logger: silent, services: [weather], model });
  await agent.start();
  return agent;
}

type Block = Record<string, unknown>;
const assistantBlocks = (body: { messages: { role: string; content: unknown }[] }): Block[] =>
  body.messages.filter((message) => message.role === 'assistant').flatMap((message) => (Array.isArray(message.content) ? (message.content as Block[]) : []));

describe('Anthropic Messages API: extended thinking with tool use, through @ai-sdk/anthropic', () => {
  const thinkingTurn = [
    { content: [{ type: 'thinking' as const, thinking: 'Paris first.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/sig1==' }, { type: 'tool_use' as const, name: 'weather_lookup', input: { city: 'Paris' } }] },
    { content: [{ type: 'thinking' as const, thinking: 'Now Rome.', signature: 'ErUBCkYIBRgCIkB7t3/sig2==' }, { type: 'tool_use' as const, name: 'weather_lookup', input: { city: 'Rome' } }] },
    { content: [{ type: 'text' as const, text: 'Grey in Paris, blue in Rome.' }] },
  ];

  for (const streamed of [false, true]) {
    it(`${streamed ? 'streamed' : 'not streamed'}: the next step carries the thinking block and its signature byte for byte; the next turn too`, async () => {
      await using fake = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
      fake.enqueue(...thinkingTurn, { content: [{ type: 'text', text: 'You asked about Paris and Rome.' }] });
      const agent = await startAgent({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        baseURL: fake.baseURL,
        apiKey: 'sk-ant-test',
        providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
      });
      await agent.session.open('chat:a', { kind: 'chat' });
      const deltas: string[] = [];
      const result = await agent.session.turn('chat:a', { input: [{ role: 'user', content: 'Weather in Paris and Rome?' }], ...(streamed ? { onTextDelta: (delta: string) => deltas.push(delta) } : {}) });
      expect(result.text).toBe('Grey in Paris, blue in Rome.');
      expect(result.steps).toBe(3);
      if (streamed) expect(deltas.join('')).toBe('Grey in Paris, blue in Rome.');

      const [first, second, third] = fake.messageRequests;
      expect(first?.stream === true).toBe(streamed);
      expect(first?.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
      expect(assistantBlocks(second as never)[0]).toEqual({ type: 'thinking', thinking: 'Paris first.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/sig1==' });
      expect(assistantBlocks(second as never)[1]).toMatchObject({ type: 'tool_use', name: 'weather_lookup', input: { city: 'Paris' } });
      const thirdThinking = assistantBlocks(third as never).filter((block) => block.type === 'thinking');
      expect(thirdThinking.map((block) => block.signature)).toEqual(['EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/sig1==', 'ErUBCkYIBRgCIkB7t3/sig2==']);
      const toolResults = (third?.messages ?? []).flatMap((message) => (Array.isArray(message.content) ? message.content : [])).filter((block) => block.type === 'tool_result');
      expect(toolResults).toHaveLength(2);

      // The next turn is built from storage: the thinking blocks are still there, unchanged.
      await agent.session.turn('chat:a', { input: [{ role: 'user', content: 'What did I ask?' }] });
      const fourth = fake.messageRequests[3];
      expect(assistantBlocks(fourth as never).filter((block) => block.type === 'thinking')).toEqual([
        { type: 'thinking', thinking: 'Paris first.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/sig1==' },
        { type: 'thinking', thinking: 'Now Rome.', signature: 'ErUBCkYIBRgCIkB7t3/sig2==' },
      ]);
      await agent.stop();
    });
  }

  it('streamed and non-streamed turns store identical history', async () => {
    const histories: unknown[] = [];
    for (const streamed of [false, true]) {
      await using fake = await startFakeAnthropic();
      fake.enqueue(...thinkingTurn);
      const agent = await startAgent({ provider: 'anthropic', model: 'claude-sonnet-4-5', baseURL: fake.baseURL, apiKey: 'k' });
      await agent.session.open('chat:h', { kind: 'chat' });
      await agent.session.turn('chat:h', { input: [{ role: 'user', content: 'Weather?' }], ...(streamed ? { onTextDelta: () => {} } : {}) });
      histories.push((await agent.session.history('chat:h')).map(({ role, content }) => ({ role, content })));
      await agent.stop();
    }
    expect(histories[1]).toEqual(histories[0]);
    expect(JSON.stringify(histories[0])).toContain('ErUBCkYIBRgCIkB7t3/sig2==');
  });
});

describe('OpenAI Responses API, through @ai-sdk/openai', () => {
  it('is the default for provider openai; the reasoning item (encrypted content) goes back on the next step and the next turn; providerOptions reach the wire', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-test' });
    fake.enqueue({ reasoning: 'Look it up first.', toolCalls: [{ name: 'weather_lookup', arguments: { city: 'Paris' } }] }, { text: 'Grey in Paris.' }, { text: 'Again: grey.' });
    const agent = await startAgent({
      provider: 'openai',
      model: 'o4-mini',
      baseURL: fake.baseURL,
      apiKey: 'sk-test',
      providerOptions: { openai: { store: false, include: ['reasoning.encrypted_content'], reasoningEffort: 'low' } },
    });
    await agent.session.open('chat:o', { kind: 'chat', metadata: { providerOptions: { openai: { reasoningSummary: 'auto' } } } });
    const result = await agent.session.turn('chat:o', { input: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(result.text).toBe('Grey in Paris.');
    const requests = fake.requests.filter((request) => request.path === '/v1/responses').map((request) => request.body as Record<string, unknown>);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ model: 'o4-mini', store: false, include: ['reasoning.encrypted_content'], reasoning: { effort: 'low', summary: 'auto' } });
    const input = requests[1]?.input as Record<string, unknown>[];
    const reasoning = input.find((item) => item.type === 'reasoning');
    expect(reasoning?.encrypted_content).toMatch(/^enc_/);
    expect(input.find((item) => item.type === 'function_call')).toMatchObject({ name: 'weather_lookup', arguments: '{"city":"Paris"}' });
    expect(input.find((item) => item.type === 'function_call_output')).toMatchObject({ output: expect.stringContaining('grey') });

    // Per-call options win over the agent's and the session's; the stored reasoning item goes back on the next turn.
    await agent.session.turn('chat:o', { input: [{ role: 'user', content: 'And now?' }], providerOptions: { openai: { reasoningEffort: 'high' } } });
    const next = fake.requests.filter((request) => request.path === '/v1/responses').at(-1)?.body as Record<string, unknown>;
    expect(next).toMatchObject({ reasoning: { effort: 'high', summary: 'auto' }, store: false });
    expect((next.input as Record<string, unknown>[]).find((item) => item.type === 'reasoning')?.encrypted_content).toBe(reasoning?.encrypted_content);
    await agent.stop();
  });

  it('streams through the Responses API and stores the same history as without streaming', async () => {
    const histories: unknown[] = [];
    for (const streamed of [false, true]) {
      await using fake = await startFakeOpenAI();
      fake.enqueue({ reasoning: 'Check.', toolCalls: [{ name: 'weather_lookup', arguments: { city: 'Rome' }, id: 'call_1' }] }, { text: 'Blue in Rome.' });
      const agent = await startAgent({ provider: 'openai', model: 'o4-mini', baseURL: fake.baseURL, apiKey: 'k', providerOptions: { openai: { store: false, include: ['reasoning.encrypted_content'] } } });
      await agent.session.open('chat:s', { kind: 'chat' });
      const deltas: string[] = [];
      const result = await agent.session.turn('chat:s', { input: [{ role: 'user', content: 'Rome?' }], ...(streamed ? { onTextDelta: (delta: string) => deltas.push(delta) } : {}) });
      expect(result.text).toBe('Blue in Rome.');
      if (streamed) expect(deltas.join('')).toBe('Blue in Rome.');
      histories.push((await agent.session.history('chat:s')).map(({ role, content }) => ({ role, content })));
      await agent.stop();
    }
    expect(histories[1]).toEqual(histories[0]);
  });

  it('chat completions stay selectable with api: "chat"', async () => {
    await using fake = await startFakeOpenAI();
    const agent = await startAgent({ provider: 'openai', api: 'chat', model: 'gpt-4o-mini', baseURL: fake.baseURL, apiKey: 'k' });
    await agent.session.open('chat:c', { kind: 'chat' });
    expect((await agent.session.turn('chat:c', { input: [{ role: 'user', content: 'hi' }] })).text).toBe('echo: hi');
    expect(fake.chatRequests).toHaveLength(1);
    await agent.stop();
  });
});
