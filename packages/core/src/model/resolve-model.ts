import type { LanguageModelV4 } from '@ai-sdk/provider';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { registerSecret } from '../secrets/secret-registry.js';
import { loadProvider } from './load-provider.js';
import type { ModelConfig } from './model-config.js';
import { ollamaEndpoint } from './ollama-endpoint.js';
import { withOllamaSampling } from './ollama-sampling.js';

const defaultKeyEnv = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', ollama: undefined, 'openai-compatible': undefined } as const;

function readKey(config: ModelConfig, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const envName = config.apiKeyEnv ?? defaultKeyEnv[config.provider];
  const key = config.apiKey ?? (envName ? env[envName] : undefined);
  registerSecret(key);
  return key;
}

/**
 * Creates an AI SDK language model (provider spec v4) from a model config. The provider packages
 * (`@ai-sdk/openai`, `@ai-sdk/anthropic`, `@ai-sdk/openai-compatible`, `ollama-ai-provider-v2`) are
 * optional peer dependencies imported on demand: an agent loads only the one it uses, and a missing
 * one is an error naming the package to install. OpenAI uses the Responses API unless `api: "chat"`.
 *
 * Ollama uses its native API (`POST /api/chat`, through `ollama-ai-provider-v2`) at `baseURL`, else
 * `OLLAMA_HOST`, else `http://127.0.0.1:11434/api`; an API key, when set, goes as a bearer token.
 * A `baseURL` ending in `/v1` (Ollama's OpenAI-compatible endpoint, the only one before) keeps using
 * `@ai-sdk/openai-compatible`, so existing configs work unchanged without a new package. A host
 * without a path (`OLLAMA_HOST=127.0.0.1:11500`) gets `/api`.
 */
export async function resolveModel(config: ModelConfig, env: Readonly<Record<string, string | undefined>>): Promise<LanguageModelV4> {
  const apiKey = readKey(config, env);
  const baseURL = config.baseURL ? { baseURL: config.baseURL } : {};
  switch (config.provider) {
    case 'openai': {
      if (!apiKey) throw missingKey(config);
      const { createOpenAI } = await loadProvider('@ai-sdk/openai', () => import('@ai-sdk/openai'), config.provider);
      const openai = createOpenAI({ apiKey, ...baseURL });
      return config.api === 'chat' ? openai.chat(config.model) : openai.responses(config.model);
    }
    case 'anthropic': {
      if (!apiKey) throw missingKey(config);
      const { createAnthropic } = await loadProvider('@ai-sdk/anthropic', () => import('@ai-sdk/anthropic'), config.provider);
      return createAnthropic({ apiKey, ...baseURL })(config.model);
    }
    case 'ollama': {
      const endpoint = ollamaEndpoint({ baseURL: config.baseURL, env });
      if (endpoint.kind === 'openai-compatible') return openAICompatible(config, endpoint.baseURL, apiKey);
      const { createOllama } = await loadProvider('ollama-ai-provider-v2', () => import('ollama-ai-provider-v2'), config.provider);
      return withOllamaSampling(createOllama({ baseURL: endpoint.baseURL, ...(apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : {}) })(config.model));
    }
    case 'openai-compatible':
      if (!config.baseURL) {
        throw new DowncityError(ErrorCodes.CONFIG_INVALID, 'Model provider "openai-compatible" needs model.baseURL, e.g. "http://127.0.0.1:8000/v1".', {
          details: { path: 'model.baseURL' },
        });
      }
      return openAICompatible(config, config.baseURL, apiKey);
  }
}

async function openAICompatible(config: ModelConfig, baseURL: string, apiKey: string | undefined): Promise<LanguageModelV4> {
  const { createOpenAICompatible } = await loadProvider('@ai-sdk/openai-compatible', () => import('@ai-sdk/openai-compatible'), config.provider);
  return createOpenAICompatible({ name: config.provider, baseURL, ...(apiKey ? { apiKey } : {}) }).chatModel(config.model);
}

function missingKey(config: ModelConfig): DowncityError {
  const envName = config.apiKeyEnv ?? defaultKeyEnv[config.provider];
  return new DowncityError(
    ErrorCodes.CONFIG_INVALID,
    `No API key for model provider "${config.provider}". Set the ${envName} environment variable (or model.apiKeyEnv / model.apiKey in config).`,
    { details: { path: 'model.apiKey' } },
  );
}

/**
 * Parses the `provider:model` shorthand, e.g. `openai:gpt-4o-mini` or `ollama:qwen2.5:7b`.
 * Returns `undefined` when the string has no known provider prefix.
 */
export function parseModelShorthand(value: string): { provider: ModelConfig['provider']; model: string } | undefined {
  const index = value.indexOf(':');
  if (index <= 0) return undefined;
  const provider = value.slice(0, index);
  if (provider !== 'openai' && provider !== 'anthropic' && provider !== 'ollama' && provider !== 'openai-compatible') return undefined;
  return { provider, model: value.slice(index + 1) };
}
