import { DowncityError, definePlugin } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { alice, startMemoryAgent } from '../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };

/** A plugin that keeps secrets out of memory and hides memories tagged `private` from recall. */
const privacyPlugin = definePlugin({
  package: {
    name: 'test-privacy',
    version: '1.0.0',
    downcity: {
      id: 'privacy',
      kind: 'plugin',
      requires: { memory: '^0.1.0' },
      attaches: { 'memory/before-remember': { kind: 'guard' }, 'memory/recalled': { kind: 'pipeline' } },
    },
  },
  setup: () => ({
    handlers: {
      'memory/before-remember': (input) =>
        /password/i.test(input.text) ? { allow: false, reason: 'memories must not hold passwords' } : { allow: true },
      'memory/recalled': (value) => ({ ...value, memories: value.memories.filter((memory) => !memory.tags.includes('private')) }),
    },
  }),
});

describe('memory extension points', () => {
  it('memory/before-remember can refuse a memory; nothing is stored', async () => {
    await using harness = await startMemoryAgent({ plugins: [privacyPlugin] });
    const attempt = harness.agent.invoke('memory/remember', { text: 'Email password is hunter2' }, asAlice);
    await expect(attempt).rejects.toSatisfy((error) => DowncityError.is(error, 'DENIED'));
    await expect(attempt).rejects.toThrow('Not remembered: memories must not hold passwords');
    expect((await harness.agent.invoke('memory/export', {}, asAlice)).count).toBe(0);
    expect(await harness.store.search.searchText({ namespace: 'memory', text: 'email password', scopes: ['user:test%3Aalice'], limit: 5 })).toEqual([]);
  });

  it('memory/recalled can filter what recall returns and what reaches the prompt', async () => {
    await using harness = await startMemoryAgent({ plugins: [privacyPlugin] });
    await harness.agent.invoke('memory/remember', { text: 'Therapy on Tuesdays', tags: ['private'] }, asAlice);
    await harness.agent.invoke('memory/remember', { text: 'Yoga on Tuesdays' }, asAlice);
    const { memories } = await harness.agent.invoke('memory/recall', { query: 'tuesdays' }, asAlice);
    expect(memories.map((memory) => memory.text)).toEqual(['Yoga on Tuesdays']);
    await harness.say('What is on Tuesdays?', asAlice);
    const prompt = JSON.stringify(harness.model?.calls.at(-1)?.prompt);
    expect(prompt).toContain('Yoga on Tuesdays');
    expect(prompt).not.toContain('Therapy');
  });
});
