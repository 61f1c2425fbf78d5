import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { cosineSimilarity, embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { hashEmbedding } from './hash-embedding.js';
import { startFakeOpenAI } from './start-fake-openai.js';

describe('embeddings', () => {
  it('embeds one text through @ai-sdk/openai-compatible', async () => {
    await using fake = await startFakeOpenAI();
    const model = createOpenAICompatible({ name: 'fake', baseURL: fake.baseURL, apiKey: 'sk-test' }).embeddingModel(
      'text-embedding-3-small',
    );
    const { embedding, usage } = await embed({ model, value: 'the quick brown fox' });
    expect(embedding).toHaveLength(64);
    expect(Math.hypot(...embedding)).toBeCloseTo(1, 6);
    expect(embedding).toEqual(hashEmbedding('the quick brown fox', 64));
    expect(usage.tokens).toBeGreaterThan(0);
    expect(fake.requests[0]?.body).toMatchObject({ model: 'text-embedding-3-small', input: ['the quick brown fox'] });
  });

  it('embeds many texts through @ai-sdk/openai, overlapping texts being more similar', async () => {
    await using fake = await startFakeOpenAI({ embeddingDimensions: 128 });
    const model = createOpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test' }).embedding('text-embedding-3-small');
    const { embeddings } = await embedMany({
      model,
      values: ['the cat sat on the mat', 'a cat sat on a mat', 'quarterly revenue grew strongly'],
    });
    const [cat, similarCat, revenue] = embeddings as [number[], number[], number[]];
    expect(cat).toHaveLength(128);
    expect(cosineSimilarity(cat, similarCat)).toBeGreaterThan(cosineSimilarity(cat, revenue));
    expect(cosineSimilarity(cat, cat)).toBeCloseTo(1, 6);
  });

  it('honours the dimensions parameter and base64 encoding', async () => {
    await using fake = await startFakeOpenAI();
    const response = await fetch(`${fake.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello world', dimensions: 8, encoding_format: 'base64' }),
    });
    const body = (await response.json()) as { data: { index: number; embedding: string }[] };
    const bytes = Buffer.from(body.data[0]?.embedding ?? '', 'base64');
    const vector = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(vector).toHaveLength(8);
    hashEmbedding('hello world', 8).forEach((value, index) => expect(vector[index]).toBeCloseTo(value, 6));
  });

  it('rejects a request without input', async () => {
    await using fake = await startFakeOpenAI();
    const response = await fetch(`${fake.baseURL}/embeddings`, { method: 'POST', body: JSON.stringify({ model: 'm' }) });
    expect(response.status).toBe(400);
  });
});

describe('hashEmbedding', () => {
  it('is deterministic, unit length and splits Chinese text into characters', () => {
    expect(hashEmbedding('Hello, World', 16)).toEqual(hashEmbedding('hello world', 16));
    expect(Math.hypot(...hashEmbedding('', 16))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(hashEmbedding('今天天气很好', 64), hashEmbedding('天气很好', 64))).toBeGreaterThan(0.5);
  });
});
