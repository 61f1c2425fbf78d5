import { z } from 'zod';
import { secret } from '../config/secret.js';

/** The model providers Downcity configures by name. Any other provider: pass an AI SDK `LanguageModel`. */
export const ModelProviderSchema = z.enum(['openai', 'anthropic', 'ollama', 'openai-compatible']);

/** Model configuration: a provider and model id, keys from env. */
export const ModelConfigSchema = z
  .object({
    provider: ModelProviderSchema.describe('openai, anthropic, ollama, or openai-compatible (vLLM, LM Studio, DeepSeek, Qwen... by baseURL).'),
    model: z.string().min(1).describe('The model id, e.g. "gpt-4o-mini", "claude-sonnet-4-5", "qwen2.5:7b".'),
    baseURL: z.url().optional().describe("API base URL; required for openai-compatible. For ollama: its native API, by default OLLAMA_HOST or http://127.0.0.1:11434/api; a URL ending in /v1 uses Ollama's OpenAI-compatible endpoint instead."),
    apiKey: secret().optional().describe('The API key. Prefer apiKeyEnv so keys stay out of config files.'),
    apiKeyEnv: z.string().optional().describe('The env variable holding the key (defaults: OPENAI_API_KEY, ANTHROPIC_API_KEY).'),
    maxRetries: z.number().int().min(0).max(10).default(2).describe('Retries with exponential backoff on 429 and 5xx.'),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .default(120_000)
      .describe('Deadline for a whole turn (every step and tool call). With a list of models, the first entry\'s value applies.'),
    callTimeoutMs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'When set, a model call that sends nothing for this long (no response, or no streamed chunk) fails as a timeout; with a list of models, the turn then moves to the next one.',
      ),
    temperature: z.number().min(0).max(2).optional(),
    api: z
      .enum(['responses', 'chat'])
      .default('responses')
      .describe('For provider openai: the Responses API (default; carries reasoning items across steps) or chat completions.'),
    providerOptions: z
      .record(z.string(), z.record(z.string(), z.json()))
      .optional()
      .describe('Provider options sent with every call, by provider: e.g. { anthropic: { thinking: { type: "enabled", budgetTokens: 2048 } } } or { openai: { reasoningEffort: "low" } }.'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.provider === 'openai-compatible' && !value.baseURL) {
      context.addIssue({ code: 'custom', path: ['baseURL'], message: 'is required for provider "openai-compatible" (e.g. "http://127.0.0.1:8000/v1")' });
    }
  });

/**
 * The `model` section: one model, or a list tried in order. When a model fails with 429, 5xx,
 * an overload, a timeout or a network error after its own retries, the turn moves to the next one;
 * any other failure (401, a bad request) is reported, not passed over.
 */
export const ModelSectionSchema = z.union([
  ModelConfigSchema,
  z.array(ModelConfigSchema).min(1, 'needs at least one model; leave "model" out to run without one').describe('Models tried in order (fallback).'),
]);

/** The `model` section as written: one model config or a list. */
export type ModelSectionInput = z.input<typeof ModelSectionSchema>;

/** The `model` section as validated. */
export type ModelSection = z.output<typeof ModelSectionSchema>;

/** Model configuration as written. */
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;
/** Model configuration as validated. */
export type ModelConfig = z.output<typeof ModelConfigSchema>;
