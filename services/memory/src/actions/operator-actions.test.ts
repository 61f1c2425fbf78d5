import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { alice, bob, startMemoryAgent } from '../../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };
const asBob = { principal: bob, sessionId: 'chat:test:bob' };

describe('operator actions', () => {
  it('search every scope with who stored each memory, and forget any of them', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    const margherita = await agent.invoke('memory/remember', { text: 'Favourite pizza is margherita' }, asAlice);
    await agent.invoke('memory/remember', { text: 'Favourite pizza is pepperoni' }, asBob);
    await agent.invoke('memory/remember', { text: 'Pizza night is on Fridays', scope: 'session' }, asBob);
    await agent.invoke('memory/remember', { text: 'Office wifi is Downcity-Guest', scope: 'agent' });

    // Without a query: every scope, newest first, with the owner of the scope and who stored it from where.
    const all = await agent.invoke('memory/operator-search', {});
    expect(all.memories.map((memory) => [memory.scope, memory.owner, memory.text])).toEqual([
      ['agent', undefined, 'Office wifi is Downcity-Guest'],
      ['session', 'chat:test:bob', 'Pizza night is on Fridays'],
      ['user', 'test:bob', 'Favourite pizza is pepperoni'],
      ['user', 'test:alice', 'Favourite pizza is margherita'],
    ]);
    expect(all.memories[3]).toMatchObject({ id: margherita.memory.id, createdBy: 'agent', principalId: 'test:alice', sessionId: 'chat:test:alice', key: `user:test%3Aalice#${margherita.memory.id}` });

    // A query searches every scope; filters narrow by level and owner.
    const pizza = await agent.invoke('memory/operator-search', { query: 'favourite' });
    expect(pizza.memories.map((memory) => memory.owner).sort()).toEqual(['test:alice', 'test:bob']);
    expect(pizza.memories.every((memory) => typeof memory.score === 'number')).toBe(true);
    expect((await agent.invoke('memory/operator-search', { query: 'pizza', scope: 'session' })).memories.map((memory) => memory.text)).toEqual(['Pizza night is on Fridays']);
    expect((await agent.invoke('memory/operator-search', { owner: 'test:alice' })).memories.map((memory) => memory.text)).toEqual(['Favourite pizza is margherita']);

    // Forget by key: gone for the operator and for alice's own recall.
    const key = all.memories[3]?.key ?? '';
    expect(await agent.invoke('memory/operator-forget', { key })).toEqual({ key, forgotten: true });
    expect(await agent.invoke('memory/operator-forget', { key })).toEqual({ key, forgotten: false });
    expect((await agent.invoke('memory/recall', { query: 'favourite pizza' }, asAlice)).memories).toEqual([]);
    expect((await agent.invoke('memory/operator-search', { query: 'margherita' })).memories).toEqual([]);
    expect(harness.logs.some((line) => JSON.stringify(line).includes('margherita'))).toBe(false);
  });

  it('refuses a call on a principal\'s behalf and never offers the operator actions to the model', async () => {
    await using harness = await startMemoryAgent();
    const attempt = harness.agent.invoke('memory/operator-search', {}, asAlice);
    await expect(attempt).rejects.toSatisfy((error) => DowncityError.is(error, 'DENIED'));
    await expect(attempt).rejects.toThrow('memory/operator-search is for the operator only (the host app, the CLI or the console), not for test:alice.');
    await expect(harness.agent.invoke('memory/operator-forget', { key: 'agent#m_0' }, asBob)).rejects.toThrow(/for the operator only/);
    await harness.say('hi', asAlice);
    expect(harness.model?.calls[0]?.tools?.map((tool) => tool.name).sort()).toEqual(['memory_forget', 'memory_recall', 'memory_remember']);
  });
});
