import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { AgentConfigSchema, createAgent, createMemoryStore, DowncityError, ErrorCodes, USAGE_COLLECTION } from '../index.js';
import { calcService } from '../../test/fixtures.js';

const silent = { level: 'silent' } as const;

type Step = { text: string } | { tool: string; input: unknown };
interface Tokens {
  input: number;
  output: number;
  cached?: number;
  reasoning?: number;
}

/** A provider model (`fake.chat`, id `fast-1`) answering the scripted steps with the scripted usage. */
function modelWithUsage(steps: { step: Step; tokens: Tokens }[]) {
  const queue = [...steps];
  let calls = 0;
  const model = new MockLanguageModelV4({
    provider: 'fake.chat',
    modelId: 'fast-1',
    doGenerate: async () => {
      calls++;
      const next = queue.shift() ?? { step: { text: 'ok' }, tokens: { input: 10, output: 2 } };
      const { tokens } = next;
      const usage = {
        inputTokens: { total: tokens.input, noCache: tokens.input - (tokens.cached ?? 0), cacheRead: tokens.cached ?? 0, cacheWrite: 0 },
        outputTokens: { total: tokens.output, text: tokens.output - (tokens.reasoning ?? 0), reasoning: tokens.reasoning ?? 0 },
      };
      if ('text' in next.step) return { content: [{ type: 'text', text: next.step.text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      return {
        content: [{ type: 'tool-call', toolCallId: `call-${calls}`, toolName: next.step.tool, input: JSON.stringify(next.step.input) }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage,
        warnings: [],
      };
    },
  });
  return { model, calls: () => calls };
}

const DAY1 = Date.UTC(2026, 2, 10, 9, 0);
const clock = (start: number) => {
  let now = start;
  return { now: () => now, set: (at: number) => (now = at) };
};

describe('usage ledger', () => {
  it('records each step with cached and reasoning tokens, the model and its cost, in the step message too', async () => {
    const { model } = modelWithUsage([
      { step: { tool: 'calc_add', input: { a: 1, b: 2 } }, tokens: { input: 1000, output: 50, cached: 800, reasoning: 20 } },
      { step: { text: 'It is 3.' }, tokens: { input: 1200, output: 30 } },
    ]);
    const time = clock(DAY1);
    const agent = createAgent({
      logger: silent,
      model,
      services: [calcService],
      now: time.now,
      config: { usage: { currency: 'EUR', prices: { 'fake:fast-1': { input: 1, output: 4, cachedInput: 0.5, reasoning: 8 } } } },
    });
    await agent.start();
    await agent.session.open('s1', { kind: 'chat' });
    const result = await agent.session.turn('s1', { input: [{ role: 'user', content: '1+2?' }], principal: { id: 'telegram:7' } });
    expect(result.text).toBe('It is 3.');
    const assistants = result.messages.filter((message) => message.role === 'assistant');
    expect(assistants[0]?.metadata).toMatchObject({
      model: 'fake:fast-1',
      usage: { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 800, reasoningTokens: 20, currency: 'EUR' },
    });
    // 200 uncached at 1 + 800 cached at 0.5 + 30 output at 4 + 20 reasoning at 8 per million.
    expect(assistants[0]?.metadata.usage).toMatchObject({ cost: expect.closeTo((200 + 400 + 120 + 160) / 1e6, 12) });
    const report = await agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-10', groupBy: 'turn' });
    expect(report.groups).toHaveLength(1);
    expect(report.total).toMatchObject({ steps: 2, turns: 1, inputTokens: 2200, outputTokens: 80, cachedInputTokens: 800, reasoningTokens: 20, totalTokens: 2280, unpricedSteps: 0, models: ['fake:fast-1'] });
    expect(report.total.cost).toBeCloseTo((880 + 1200 + 120) / 1e6, 12);
    expect(report.currency).toBe('EUR');
    await agent.stop();
  });

  it('shows tokens and no cost for a model without a price, and groups by session, principal and day', async () => {
    const { model } = modelWithUsage([]);
    const time = clock(DAY1);
    const agent = createAgent({ logger: silent, model, now: time.now });
    await agent.start();
    for (const [session, principal] of [['a', 'telegram:1'], ['a', 'telegram:1'], ['b', 'telegram:2']] as const) {
      await agent.session.open(session, { kind: 'chat' });
      await agent.session.turn(session, { input: [{ role: 'user', content: 'hi' }], principal: { id: principal } });
    }
    time.set(DAY1 + 86_400_000);
    await agent.session.turn('b', { input: [{ role: 'user', content: 'next day' }], principal: { id: 'telegram:2' } });
    await agent.session.turn('b', { input: [{ role: 'user', content: 'no principal' }] });

    const bySession = await agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-11', groupBy: 'session' });
    expect(bySession.groups.map((group) => [group.key, group.turns, group.totalTokens])).toEqual([
      ['b', 3, 36],
      ['a', 2, 24],
    ]);
    expect(bySession.total).toMatchObject({ cost: null, unpricedSteps: 5, totalTokens: 60 });
    const byPrincipal = await agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-11', groupBy: 'principal' });
    expect(byPrincipal.groups.map((group) => [group.key, group.steps])).toEqual([
      ['telegram:1', 2],
      ['telegram:2', 2],
      ['-', 1],
    ]);
    const byDay = await agent.invoke('agent/usage', { since: '2026-03-09', until: '2026-03-11', groupBy: 'day' });
    expect(byDay.groups.map((group) => [group.key, group.steps])).toEqual([
      ['2026-03-10', 3],
      ['2026-03-11', 2],
    ]);
    const oneUser = await agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-11', principalId: 'telegram:2' });
    expect(oneUser.total.steps).toBe(2);
    await expect(agent.invoke('agent/usage', { since: '2026-03-11', until: '2026-03-10' })).rejects.toThrow(/before since/);
    await expect(agent.invoke('agent/usage', { since: '2026-02-30', until: '2026-03-10' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(
      agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-10' }, { principal: { id: 'telegram:1' } }),
    ).rejects.toThrow(/operator only/);
    await agent.stop();
  });

  it('refuses a turn past the daily token budget before the model is called, storing nothing; the budget resets at 00:00 UTC', async () => {
    const { model, calls } = modelWithUsage([
      { step: { text: 'first' }, tokens: { input: 60, output: 50 } },
      { step: { text: 'after midnight' }, tokens: { input: 10, output: 5 } },
    ]);
    const time = clock(DAY1);
    const agent = createAgent({
      logger: silent,
      model,
      now: time.now,
      config: { usage: { budgets: { perPrincipalDaily: { tokens: 100 }, byPrincipal: { 'telegram:owner': {} } } } },
    });
    await agent.start();
    await agent.session.open('s', { kind: 'chat' });
    const principal = { id: 'telegram:9' };
    await agent.session.turn('s', { input: [{ role: 'user', content: 'one' }], principal });
    const before = await agent.session.history('s');
    const refused = await agent.session.turn('s', { input: [{ role: 'user', content: 'two' }], principal }).catch((error: unknown) => error);
    expect(DowncityError.is(refused, ErrorCodes.BUDGET_EXCEEDED)).toBe(true);
    expect((refused as Error).message).toBe('You have used your daily budget of 100 tokens (110 used today). It resets at 00:00 UTC.');
    expect(await agent.session.history('s')).toEqual(before);
    expect(calls()).toBe(1);
    expect(await agent.invoke('agent/budget', { principalId: 'telegram:9' })).toMatchObject({ allowed: false, resetsAt: Date.UTC(2026, 2, 11) });
    // Another principal, and a principal exempted by its own override, are not limited.
    expect(await agent.invoke('agent/budget', { principalId: 'telegram:10' })).toEqual({ allowed: true });
    expect(await agent.invoke('agent/budget', { principalId: 'telegram:owner' })).toEqual({ allowed: true });

    time.set(Date.UTC(2026, 2, 11, 0, 0, 1));
    const next = await agent.session.turn('s', { input: [{ role: 'user', content: 'three' }], principal });
    expect(next.text).toBe('after midnight');
    await agent.stop();
  });

  it('refuses on a cost budget counting priced steps only', async () => {
    const { model } = modelWithUsage([{ step: { text: 'pricey' }, tokens: { input: 1_000_000, output: 0 } }]);
    const agent = createAgent({
      logger: silent,
      model,
      now: () => DAY1,
      config: { usage: { currency: 'USD', prices: { 'fake:fast-1': { input: 2, output: 2 } }, budgets: { perPrincipalDaily: { cost: 1.5 } } } },
    });
    await agent.start();
    await agent.session.open('s', { kind: 'chat' });
    await agent.session.turn('s', { input: [{ role: 'user', content: 'one' }], principal: { id: 'u' } });
    await expect(agent.session.turn('s', { input: [{ role: 'user', content: 'two' }], principal: { id: 'u' } })).rejects.toThrow(
      'You have used your daily budget of 1.50 USD (2.00 USD used today). It resets at 00:00 UTC.',
    );
    const records = await agent.invoke('agent/usage', { since: '2026-03-10', until: '2026-03-10' });
    expect(records.total.cost).toBe(2);
    await agent.stop();
  });

  it('stores the usage record in the same batch as the step: a failed batch stores neither', async () => {
    const { model } = modelWithUsage([{ step: { text: 'lost' }, tokens: { input: 5, output: 5 } }]);
    const store = createMemoryStore();
    const batch = store.batch.bind(store);
    let failing = false;
    store.batch = async (operations) => {
      if (failing && operations.some((operation) => operation.type === 'collection.put' && operation.collection === USAGE_COLLECTION)) throw new Error('disk full');
      return batch(operations);
    };
    const agent = createAgent({ logger: silent, model, store, now: () => DAY1 });
    await agent.start();
    await agent.session.open('s', { kind: 'chat' });
    failing = true;
    await expect(agent.session.turn('s', { input: [{ role: 'user', content: 'hi' }], principal: { id: 'u' } })).rejects.toThrow(/disk full/);
    expect((await agent.session.history('s')).map((message) => message.role)).toEqual(['user']);
    expect(await store.collection(USAGE_COLLECTION).count()).toBe(0);
    await agent.stop();
  });

  it('rejects a bad price table or budget with a message that says what to fix', () => {
    expect(() => AgentConfigSchema.parse({ usage: { prices: { 'gpt-4o-mini': { input: 1, output: 1 } } } })).toThrow(/<provider>:<modelId>/);
    expect(() => AgentConfigSchema.parse({ usage: { prices: { 'openai:gpt-4o-mini': { input: 'cheap', output: 1 } } } })).toThrow(/input is the price of one million prompt tokens/);
    expect(() => AgentConfigSchema.parse({ usage: { budgets: { perPrincipalDaily: { tokens: 0 } } } })).toThrow(/tokens must be above 0/);
  });
});
