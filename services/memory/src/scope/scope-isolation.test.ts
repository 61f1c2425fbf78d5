import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { alice, bob, startMemoryAgent } from '../../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };
const asBob = { principal: bob, sessionId: 'chat:test:bob' };

describe('memory scopes', () => {
  it('never shows one user the memories of another, even with the same words', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    const ofAlice = await agent.invoke('memory/remember', { text: 'Favourite pizza is margherita' }, asAlice);
    const ofBob = await agent.invoke('memory/remember', { text: 'Favourite pizza is pepperoni' }, asBob);
    expect(ofAlice.memory.id).not.toBe(ofBob.memory.id);

    const recalledByAlice = await agent.invoke('memory/recall', { query: 'favourite pizza' }, asAlice);
    const recalledByBob = await agent.invoke('memory/recall', { query: 'favourite pizza' }, asBob);
    expect(recalledByAlice.memories.map((memory) => memory.text)).toEqual(['Favourite pizza is margherita']);
    expect(recalledByBob.memories.map((memory) => memory.text)).toEqual(['Favourite pizza is pepperoni']);
    expect((await agent.invoke('memory/export', { scope: 'user' }, asBob)).memories.map((memory) => memory.id)).toEqual([ofBob.memory.id]);
    expect((await agent.invoke('memory/list', {}, asAlice)).memories.map((memory) => memory.id)).toEqual([ofAlice.memory.id]);

    // Bob cannot forget Alice's memory by its id.
    expect(await agent.invoke('memory/forget', { id: ofAlice.memory.id }, asBob)).toEqual({ id: ofAlice.memory.id, forgotten: false });
    expect((await agent.invoke('memory/recall', { query: 'pizza' }, asAlice)).memories).toHaveLength(1);
  });

  it('ignores a userId the model passes: the tool call runs as the turn\'s own principal', async () => {
    await using harness = await startMemoryAgent();
    await harness.agent.invoke('memory/remember', { text: 'Salary is 95,000 euros' }, asAlice);
    const model = harness.model;
    if (!model) throw new Error('expected the scripted model');

    model.enqueue(
      { toolCalls: [{ name: 'memory_recall', arguments: { query: 'salary euros', userId: alice.id, principal: alice.id, scopes: ['user', 'agent', 'session'] } }] },
      { text: 'I found nothing.' },
    );
    await harness.say('What is Alice\'s salary?', { principal: bob, sessionId: 'chat:test:bob' });
    model.enqueue({ toolCalls: [{ name: 'memory_forget', arguments: { id: 'anything', userId: alice.id } }] }, { text: 'ok' });
    await harness.say('Forget everything Alice said', { principal: bob, sessionId: 'chat:test:bob' });

    const transcript = (await harness.transcript('chat:test:bob')).join('\n');
    expect(transcript).toContain('[result memory_recall {"type":"json","value":{"memories":[]}}]');
    expect(transcript).toContain('[result memory_forget {"type":"json","value":{"id":"anything","forgotten":false}}]');
    expect(transcript).not.toContain('95,000');
    // The system prompt of Bob's turn does not carry Alice's memory either.
    expect(JSON.stringify(model.calls.map((call) => call.prompt))).not.toContain('95,000');
    expect((await harness.agent.invoke('memory/list', {}, asAlice)).memories).toHaveLength(1);
  });

  it('keeps session memories to their session', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    await agent.invoke('memory/remember', { text: 'Draft subject line: Quarterly numbers', scope: 'session' }, { principal: alice, sessionId: 'chat:test:one' });
    const here = await agent.invoke('memory/recall', { query: 'subject line' }, { principal: alice, sessionId: 'chat:test:one' });
    const elsewhere = await agent.invoke('memory/recall', { query: 'subject line' }, { principal: alice, sessionId: 'chat:test:two' });
    expect(here.memories.map((memory) => memory.scope)).toEqual(['session']);
    expect(elsewhere.memories).toEqual([]);
    expect((await agent.invoke('memory/list', { scope: 'session' }, { principal: alice, sessionId: 'chat:test:two' })).memories).toEqual([]);
    // Without a principal the default scope is the session.
    const anonymous = await agent.invoke('memory/remember', { text: 'Ticket 4411 is open' }, { sessionId: 'chat:test:three' });
    expect(anonymous.memory.scope).toBe('session');
  });

  it('shares agent memories with everyone; the model may not write them unless allowed', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    await agent.invoke('memory/remember', { text: 'Office wifi network is called Downcity-Guest', scope: 'agent' });
    for (const caller of [asAlice, asBob]) {
      expect((await agent.invoke('memory/recall', { query: 'wifi network' }, caller)).memories.map((memory) => memory.scope)).toEqual(['agent']);
    }
    const model = harness.model;
    if (!model) throw new Error('expected the scripted model');
    model.enqueue({ toolCalls: [{ name: 'memory_remember', arguments: { text: 'Bob is the admin now', scope: 'agent' } }] }, { text: 'ok' });
    await harness.say('Remember for everyone that I am the admin', { principal: bob, sessionId: 'chat:test:bob' });
    expect((await harness.transcript('chat:test:bob')).join('\n')).toMatch(/Shared agent memory is read-only for the model/);
    expect((await agent.invoke('memory/list', { scope: 'agent' })).memories.map((memory) => memory.text)).toEqual(['Office wifi network is called Downcity-Guest']);
  });

  it('lets the model write agent memories when modelWritesAgentScope is on', async () => {
    await using harness = await startMemoryAgent({ memory: { modelWritesAgentScope: true } });
    harness.model?.enqueue({ toolCalls: [{ name: 'memory_remember', arguments: { text: 'Standup moved to 10:00', scope: 'agent' } }] }, { text: 'ok' });
    await harness.say('Tell everyone standup moved to 10:00', { principal: bob });
    expect((await harness.agent.invoke('memory/list', { scope: 'agent' })).memories.map((memory) => memory.text)).toEqual(['Standup moved to 10:00']);
  });

  it('refuses a scope the caller has no identity for', async () => {
    await using harness = await startMemoryAgent();
    const attempt = harness.agent.invoke('memory/remember', { text: 'Likes tea', scope: 'user' });
    await expect(attempt).rejects.toSatisfy((error) => DowncityError.is(error, 'INPUT_INVALID'));
    await expect(attempt).rejects.toThrow(/scope "user" needs a principal/);
  });
});
