import { secret } from '@downcity/core';
import { z } from 'zod';

/** The embedding providers the memory service configures by name. */
export const EmbeddingProviderSchema = z.enum(['openai', 'openai-compatible', 'ollama']);

/** How memories are embedded for vector recall, through the AI SDK. */
export const EmbeddingConfigSchema = z
  .object({
    provider: EmbeddingProviderSchema.describe('openai, openai-compatible (vLLM, LM Studio, DeepSeek, Qwen... by baseURL) or ollama.'),
    model: z.string().min(1).describe('The embedding model id, e.g. "text-embedding-3-small" or "nomic-embed-text".'),
    baseURL: z.url().optional().describe('API base URL; required for openai-compatible, defaults to http://127.0.0.1:11434/v1 for ollama.'),
    apiKey: secret().optional().describe('The API key. Prefer apiKeyEnv so keys stay out of config files.'),
    apiKeyEnv: z.string().min(1).optional().describe('The env variable holding the key (default for openai: OPENAI_API_KEY).'),
    timeoutMs: z.number().int().positive().max(600_000).default(10_000).describe('Timeout for one embedding call; on timeout recall falls back to full-text search.'),
    maxRetries: z.number().int().min(0).max(10).default(1).describe('Retries with exponential backoff on 429 and 5xx.'),
    minSimilarity: z
      .number()
      .min(-1)
      .max(1)
      .default(0.2)
      .describe('Vector hits below this cosine similarity are dropped, so unrelated memories never enter the prompt.'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.provider === 'openai-compatible' && !value.baseURL) {
      context.addIssue({ code: 'custom', path: ['baseURL'], message: 'is required for provider "openai-compatible" (e.g. "http://127.0.0.1:8000/v1")' });
    }
  });

/** The `services.memory` config: the single source of truth for the service's config types and JSON Schema. */
export const MemoryConfigSchema = z
  .object({
    maxChars: z.number().int().min(1).max(100_000).default(2_000).describe('The longest memory text accepted, in characters.'),
    recallLimit: z.number().int().min(1).max(50).default(5).describe('How many memories a recall returns when the caller does not say.'),
    promptBudgetTokens: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(400)
      .describe('Token budget for the remembered facts added to each turn\'s system prompt (about 4 characters or 1 CJK character per token); 0 turns it off.'),
    promptMaxMemories: z.number().int().min(1).max(50).default(8).describe('The most memories added to one turn\'s system prompt.'),
    modelWritesAgentScope: z
      .boolean()
      .default(false)
      .describe('Whether the model may remember and forget shared agent-scope memories. Off by default: any user could otherwise plant "facts" every other user sees.'),
    embedding: EmbeddingConfigSchema.optional().describe('An embedding model for vector recall; without it recall is full-text (BM25) only.'),
  })
  .strict();

/** The memory config as written. */
export type MemoryConfigInput = z.input<typeof MemoryConfigSchema>;
/** The memory config as validated. */
export type MemoryConfig = z.output<typeof MemoryConfigSchema>;
/** The embedding config as written. */
export type EmbeddingConfigInput = z.input<typeof EmbeddingConfigSchema>;
/** The embedding config as validated. */
export type EmbeddingConfig = z.output<typeof EmbeddingConfigSchema>;
