import { DowncityError, ErrorCodes, loadProvider, registerSecret } from '@downcity/core';
import type { EmbeddingModel } from 'ai';
import type { EmbeddingConfig } from '../config.js';

const OLLAMA_BASE_URL = 'http://127.0.0.1:11434/v1';

function readKey(config: EmbeddingConfig, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const envName = config.apiKeyEnv ?? (config.provider === 'openai' ? 'OPENAI_API_KEY' : undefined);
  const key = config.apiKey ?? (envName ? env[envName] : undefined);
  registerSecret(key);
  return key;
}

/**
 * Creates the AI SDK embedding model for a config. Provider packages are optional peer
 * dependencies imported on demand, so an agent without embeddings never loads them; a missing one
 * is an error naming the package to install.
 */
export async function resolveEmbeddingModel(config: EmbeddingConfig, env: Readonly<Record<string, string | undefined>>): Promise<EmbeddingModel> {
  const apiKey = readKey(config, env);
  if (config.provider === 'openai') {
    if (!apiKey) {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `No API key for the memory embedding provider "openai". Set the ${config.apiKeyEnv ?? 'OPENAI_API_KEY'} environment variable (or services.memory.embedding.apiKeyEnv / apiKey), or remove services.memory.embedding to recall by full text only.`,
        { details: { path: 'services.memory.embedding.apiKey' } },
      );
    }
    const { createOpenAI } = await loadProvider('@ai-sdk/openai', () => import('@ai-sdk/openai'), 'openai');
    return createOpenAI({ apiKey, ...(config.baseURL ? { baseURL: config.baseURL } : {}) }).embeddingModel(config.model);
  }
  const { createOpenAICompatible } = await loadProvider('@ai-sdk/openai-compatible', () => import('@ai-sdk/openai-compatible'), config.provider);
  const baseURL = config.baseURL ?? OLLAMA_BASE_URL;
  return createOpenAICompatible({ name: config.provider, baseURL, ...(apiKey ? { apiKey } : {}) }).embeddingModel(config.model);
}
