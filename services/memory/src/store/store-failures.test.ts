import { DowncityError, type Store } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { alice, startMemoryAgent } from '../../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };

/** Wraps a store so its search index fails while `failing.upsert` / `failing.remove` is set. */
function flakySearch(failing: { upsert: boolean; remove: boolean }) {
  return (store: Store): Store => ({
    ...store,
    search: {
      ...store.search,
      upsert: (document) => (failing.upsert ? Promise.reject(new Error('disk I/O error')) : store.search.upsert(document)),
      remove: (namespace, id) => (failing.remove ? Promise.reject(new Error('disk I/O error')) : store.search.remove(namespace, id)),
    },
  });
}

describe('memory writes never leave a half-stored memory', () => {
  it('undoes the record when the search index write fails', async () => {
    const failing = { upsert: true, remove: false };
    await using harness = await startMemoryAgent({ wrapStore: flakySearch(failing) });
    const attempt = harness.agent.invoke('memory/remember', { text: 'Lives in Oslo' }, asAlice);
    await expect(attempt).rejects.toSatisfy((error) => DowncityError.is(error, 'STORE_FAILED'));
    await expect(attempt).rejects.toThrow(/could not be indexed, so nothing was stored: disk I\/O error/);
    expect((await harness.agent.invoke('memory/export', {}, asAlice)).count).toBe(0);

    failing.upsert = false;
    await expect(harness.agent.invoke('memory/remember', { text: 'Lives in Oslo' }, asAlice)).resolves.toMatchObject({ created: true });
    expect((await harness.agent.invoke('memory/recall', { query: 'Oslo' }, asAlice)).memories).toHaveLength(1);
  });

  it('puts the record back when the search index removal fails', async () => {
    const failing = { upsert: false, remove: false };
    await using harness = await startMemoryAgent({ wrapStore: flakySearch(failing) });
    const saved = await harness.agent.invoke('memory/remember', { text: 'Lives in Oslo' }, asAlice);
    failing.remove = true;
    await expect(harness.agent.invoke('memory/forget', { id: saved.memory.id }, asAlice)).rejects.toThrow(/could not be removed from the search index; it was kept/);
    expect((await harness.agent.invoke('memory/list', {}, asAlice)).memories.map((memory) => memory.id)).toEqual([saved.memory.id]);
    expect((await harness.agent.invoke('memory/recall', { query: 'Oslo' }, asAlice)).memories).toHaveLength(1);

    failing.remove = false;
    expect(await harness.agent.invoke('memory/forget', { id: saved.memory.id }, asAlice)).toEqual({ id: saved.memory.id, forgotten: true });
    expect((await harness.agent.invoke('memory/recall', { query: 'Oslo' }, asAlice)).memories).toEqual([]);
  });
});
