import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DowncityError } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { alice, startMemoryAgent } from '../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };

describe('memory service actions', () => {
  it('remembers, recalls, lists, exports and forgets a memory', async () => {
    await using harness = await startMemoryAgent();
    const { agent } = harness;
    const saved = await agent.invoke('memory/remember', { text: 'Prefers oat milk in her coffee', tags: ['preference'] }, asAlice);
    expect(saved).toMatchObject({ created: true, embedded: false, memory: { scope: 'user', text: 'Prefers oat milk in her coffee', tags: ['preference'] } });
    await agent.invoke('memory/remember', { text: 'Her daughter Mia turns seven on 12 May' }, asAlice);

    const recalled = await agent.invoke('memory/recall', { query: 'what milk should go in the coffee?' }, asAlice);
    expect(recalled.memories[0]).toMatchObject({ id: saved.memory.id, scope: 'user', text: 'Prefers oat milk in her coffee' });

    const listed = await agent.invoke('memory/list', {}, asAlice);
    expect(listed.scope).toBe('user');
    expect(listed.memories.map((memory) => memory.text)).toEqual(['Her daughter Mia turns seven on 12 May', 'Prefers oat milk in her coffee']);
    expect(listed.more).toBe(false);

    const exported = await agent.invoke('memory/export', { scope: 'user' }, asAlice);
    expect(exported).toMatchObject({ scope: 'user', count: 2 });
    expect(exported.memories[0]).toEqual({
      id: saved.memory.id,
      scope: 'user',
      text: 'Prefers oat milk in her coffee',
      tags: ['preference'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);

    expect(await agent.invoke('memory/forget', { id: saved.memory.id }, asAlice)).toEqual({ id: saved.memory.id, forgotten: true });
    expect(await agent.invoke('memory/forget', { id: saved.memory.id }, asAlice)).toEqual({ id: saved.memory.id, forgotten: false });
    expect((await agent.invoke('memory/list', {}, asAlice)).memories.map((memory) => memory.id)).not.toContain(saved.memory.id);
    const afterForget = await agent.invoke('memory/recall', { query: 'oat milk coffee' }, asAlice);
    expect(afterForget.memories.map((memory) => memory.id)).not.toContain(saved.memory.id);
    // Gone from the search index itself, not just filtered out.
    const hits = await harness.store.search.searchText({ namespace: 'memory', text: 'oat milk coffee', scopes: ['user:test%3Aalice'], limit: 10 });
    expect(hits).toEqual([]);
  });

  it('stores the same fact once per scope', async () => {
    await using harness = await startMemoryAgent();
    const first = await harness.agent.invoke('memory/remember', { text: 'Works at Acme as a designer' }, asAlice);
    const again = await harness.agent.invoke('memory/remember', { text: '  works at ACME as a   designer ' }, asAlice);
    expect(again).toMatchObject({ created: false, memory: { id: first.memory.id, text: 'Works at Acme as a designer' } });
    expect((await harness.agent.invoke('memory/export', {}, asAlice)).count).toBe(1);
  });

  it('keeps memories across agent restarts (long-term memory)', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'downcity-memory-restart-'));
    const databasePath = path.join(directory, 'memory.db');
    try {
      {
        await using first = await startMemoryAgent({ databasePath });
        await first.agent.invoke('memory/remember', { text: 'Allergic to peanuts' }, asAlice);
      }
      await using second = await startMemoryAgent({ databasePath });
      const recalled = await second.agent.invoke('memory/recall', { query: 'any allergies?' }, { principal: alice, sessionId: 'chat:test:another-day' });
      expect(recalled.memories.map((memory) => memory.text)).toEqual(['Allergic to peanuts']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('refuses oversized and empty text with a clear error and stores nothing', async () => {
    await using harness = await startMemoryAgent({ memory: { maxChars: 50 } });
    const oversized = harness.agent.invoke('memory/remember', { text: 'x'.repeat(51) }, asAlice);
    await expect(oversized).rejects.toSatisfy((error) => DowncityError.is(error, 'ACTION_INVALID'));
    await expect(oversized).rejects.toThrow(/input\.text: is longer than the limit of 50 characters \(services\.memory\.maxChars\)/);
    await expect(harness.agent.invoke('memory/remember', { text: '   ' }, asAlice)).rejects.toThrow(/input\.text: is empty/);
    await expect(harness.agent.invoke('memory/remember', { text: 'y'.repeat(50) }, asAlice)).resolves.toMatchObject({ created: true });
    expect((await harness.agent.invoke('memory/export', {}, asAlice)).memories.map((memory) => memory.text)).toEqual(['y'.repeat(50)]);
  });

  it('uses the default limit of 2,000 characters', async () => {
    await using harness = await startMemoryAgent();
    await expect(harness.agent.invoke('memory/remember', { text: 'z'.repeat(2_001) }, asAlice)).rejects.toThrow(/limit of 2000 characters/);
  });

  it('finds Chinese memories by a word inside the sentence', async () => {
    await using harness = await startMemoryAgent();
    await harness.agent.invoke('memory/remember', { text: '我每天早上喝一杯美式咖啡' }, asAlice);
    await harness.agent.invoke('memory/remember', { text: '周末喜欢去爬山' }, asAlice);
    const recalled = await harness.agent.invoke('memory/recall', { query: '他喝什么咖啡？' }, asAlice);
    expect(recalled.memories[0]?.text).toBe('我每天早上喝一杯美式咖啡');
  });

  it('pages the list newest first and reports more', async () => {
    await using harness = await startMemoryAgent();
    for (const text of ['first fact', 'second fact', 'third fact']) {
      await harness.agent.invoke('memory/remember', { text }, asAlice);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const listed = await harness.agent.invoke('memory/list', { limit: 2 }, asAlice);
    expect(listed.memories.map((memory) => memory.text)).toEqual(['third fact', 'second fact']);
    expect(listed.more).toBe(true);
  });
});
