import type { Logger, SearchHit } from '@downcity/core';
import type { Embedder } from '../embedding/embedder.js';
import type { RecalledMemory } from '../memory-entry.js';
import type { MemoryStorage } from '../store/memory-storage.js';
import { toQueryText } from '../text/query-text.js';
import { hitToMemory } from './hit-to-memory.js';
import { fuseRankings } from './rank-fusion.js';

/** What recall reads from. */
export interface RecallDependencies {
  /** The memory records and search index. */
  storage: MemoryStorage;
  /** The embedder, when an embedding model is configured. */
  embedder?: Embedder;
  /** Vector hits below this cosine similarity are dropped. */
  minSimilarity: number;
  /** For embedding and vector search failures (recall then uses full text only). */
  logger: Logger;
}

/** One recall. */
export interface RecallQuery {
  /** The text to recall memories for. */
  text: string;
  /** The scope keys to search. */
  scopes: string[];
  /** The most memories to return. */
  limit: number;
  /** Cancels the embedding call. */
  signal?: AbortSignal;
}

/** Each list returns this many candidates per requested memory before fusion. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 20;

async function vectorHits(dependencies: RecallDependencies, query: RecallQuery, limit: number): Promise<SearchHit[]> {
  const { embedder, storage, logger } = dependencies;
  if (!embedder) return [];
  try {
    const vector = await embedder.embed(query.text, query.signal);
    const hits = await storage.search.searchVector({ namespace: storage.namespace, vector, scopes: query.scopes, limit });
    return hits.filter((hit) => hit.score >= dependencies.minSimilarity);
  } catch (error) {
    logger.warn({ err: error, model: embedder.modelId }, 'memory vector recall failed; using full-text recall only');
    return [];
  }
}

/**
 * The search hits for a query, best first with their fused score: full-text (BM25) hits and, with an embedding
 * model, vector hits, combined by reciprocal rank fusion. A hit's id is the memory's record key.
 */
export async function rankMemoryHits(dependencies: RecallDependencies, query: RecallQuery): Promise<{ hit: SearchHit; score: number }[]> {
  const { storage } = dependencies;
  if (query.scopes.length === 0 || query.limit <= 0) return [];
  const candidates = Math.max(query.limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES);
  const [textHits, nearHits] = await Promise.all([
    storage.search.searchText({ namespace: storage.namespace, text: toQueryText(query.text), scopes: query.scopes, limit: candidates }),
    vectorHits(dependencies, query, candidates),
  ]);
  const byId = new Map<string, SearchHit>();
  for (const hit of [...textHits, ...nearHits]) if (!byId.has(hit.id)) byId.set(hit.id, hit);
  const fused = fuseRankings([textHits.map((hit) => hit.id), nearHits.map((hit) => hit.id)]);
  return fused.slice(0, query.limit).map(({ id, score }) => ({ hit: byId.get(id) as SearchHit, score }));
}

/**
 * Hybrid recall: full-text (BM25) hits and, with an embedding model, vector hits, combined by
 * reciprocal rank fusion. A memory both lists find ranks above one found by a single list.
 */
export async function recallMemories(dependencies: RecallDependencies, query: RecallQuery): Promise<RecalledMemory[]> {
  return (await rankMemoryHits(dependencies, query)).map(({ hit, score }) => hitToMemory(hit, score));
}
