import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashEmbedding, startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { alice, startMemoryAgent } from '../../test/memory-agent.js';

const asAlice = { principal: alice, sessionId: 'chat:test:alice' };
const aliceScope = 'user:test%3Aalice';

describe('hybrid recall with an embedding model', () => {
  it('fuses full-text and vector hits: a memory both lists find ranks first', async () => {
    await using fake = await startFakeOpenAI();
    await using harness = await startMemoryAgent({ memory: { embedding: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake-embedding' } } });
    const textOnly = 'Planned trips: planning weekends away'; // shares stems (plan, trip, weekend), no exact word
    const vectorOnly = 'what is the best of the'; // shares only stop words, which full-text search drops
    const both = 'Weekend trip to the lake is the plan';
    for (const text of [textOnly, vectorOnly, both]) {
      expect(await harness.agent.invoke('memory/remember', { text }, asAlice)).toMatchObject({ created: true, embedded: true });
    }
    const query = 'what is the plan for the weekend trip';

    // The two lists, as the store ranks them on their own.
    const textHits = await harness.store.search.searchText({ namespace: 'memory', text: query, scopes: [aliceScope], limit: 10 });
    expect(textHits[0]?.text).toContain(textOnly);
    expect(textHits.map((hit) => hit.text)).not.toContain(vectorOnly);
    const vectorHits = await harness.store.search.searchVector({ namespace: 'memory', vector: hashEmbedding(query, 64), scopes: [aliceScope], limit: 10 });
    const similarity = (text: string) => vectorHits.find((hit) => hit.text.startsWith(text))?.score ?? 0;
    expect(similarity(vectorOnly)).toBeGreaterThan(0.2);
    expect(similarity(textOnly)).toBeLessThan(0.2);

    const { memories } = await harness.agent.invoke('memory/recall', { query }, asAlice);
    expect(memories.map((memory) => memory.text)).toEqual([both, textOnly, vectorOnly]);
    // Reciprocal rank fusion, k = 60: second by text plus first by vector beats first by text alone.
    expect(memories.map((memory) => memory.score)).toEqual([1 / 62 + 1 / 61, 1 / 61, 1 / 62]);
    expect(fake.requests.filter((request) => request.path === '/v1/embeddings')).toHaveLength(4);
  });

  it('works with the @ai-sdk/openai provider too', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-test' });
    await using harness = await startMemoryAgent({
      memory: { embedding: { provider: 'openai', baseURL: fake.baseURL, model: 'text-embedding-3-small', apiKey: 'sk-test' } },
    });
    expect(await harness.agent.invoke('memory/remember', { text: 'Plays the cello' }, asAlice)).toMatchObject({ embedded: true });
    expect((await harness.agent.invoke('memory/recall', { query: 'cello' }, asAlice)).memories[0]?.text).toBe('Plays the cello');
  });

  it('stores a memory text-only when embedding fails, and recalls it by full text', async () => {
    const down = await startFakeOpenAI();
    const baseURL = down.baseURL;
    await down.close();
    await using harness = await startMemoryAgent({
      memory: { embedding: { provider: 'openai-compatible', baseURL, model: 'fake-embedding', maxRetries: 0, timeoutMs: 2_000 } },
    });
    const saved = await harness.agent.invoke('memory/remember', { text: 'Parks the car on level 3' }, asAlice);
    expect(saved).toMatchObject({ created: true, embedded: false });
    expect(harness.logs.some((line) => line.level === 'warn' && line.message?.includes('embedding a memory failed'))).toBe(true);

    const { memories } = await harness.agent.invoke('memory/recall', { query: 'where is the car parked?' }, asAlice);
    expect(memories.map((memory) => memory.id)).toEqual([saved.memory.id]);
    expect(harness.logs.some((line) => line.level === 'warn' && line.message?.includes('vector recall failed'))).toBe(true);
  });

  it('falls back to text-only when the embedding model changes dimension', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'downcity-memory-dimension-'));
    const databasePath = path.join(directory, 'memory.db');
    try {
      {
        await using fake = await startFakeOpenAI({ embeddingDimensions: 64 });
        await using first = await startMemoryAgent({ databasePath, memory: { embedding: { provider: 'ollama', baseURL: fake.baseURL, model: 'nomic-embed-text' } } });
        expect(await first.agent.invoke('memory/remember', { text: 'Takes the 8:15 train' }, asAlice)).toMatchObject({ embedded: true });
      }
      await using fake = await startFakeOpenAI({ embeddingDimensions: 32 });
      await using second = await startMemoryAgent({ databasePath, memory: { embedding: { provider: 'ollama', baseURL: fake.baseURL, model: 'another-model' } } });
      expect(await second.agent.invoke('memory/remember', { text: 'Takes the bus home' }, asAlice)).toMatchObject({ created: true, embedded: false });
      const { memories } = await second.agent.invoke('memory/recall', { query: 'which train?' }, asAlice);
      expect(memories[0]?.text).toBe('Takes the 8:15 train');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
