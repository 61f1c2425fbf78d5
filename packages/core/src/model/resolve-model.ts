import type { LanguageModelV3 } from '@ai-sdk/provider';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { registerSecret } from '../secrets/secret-registry.js';
import type { ModelConfig } from './model-config.js';

const defaultKeyEnv = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', ollama: undefined, 'openai-compatible': undefined } as const;

function readKey(config: ModelConfig, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const envName = config.apiKeyEnv ?? defaultKeyEnv[config.provider];
  const key = config.apiKey ?? (envName ? env[envName] : undefined);
  registerSecret(key);
  return key;
}

/**
 * Creates an AI SDK `LanguageModel` from a model config. Provider packages are imported on
 * demand so an agent that never uses a provider never loads it.
 */
export async function resolveModel(config: ModelConfig, env: Readonly<Record<string, string | undefined>>): Promise<LanguageModelV3> {
  const apiKey = readKey(config, env);
  switch (config.provider) {
    case 'openai': {
      if (!apiKey) throw missingKey(config);
      const { createOpenAI } = await import('@ai-sdk/openai');
      return createOpenAI({ apiKey, ...(config.baseURL ? { baseURL: config.baseURL } : {}) }).chat(config.model);
    }
    case 'anthropic': {
      if (!apiKey) throw missingKey(config);
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey, ...(config.baseURL ? { baseURL: config.baseURL } : {}) })(config.model);
    }
    case 'ollama':
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      const baseURL = config.baseURL ?? 'http://127.0.0.1:11434/v1';
      return createOpenAICompatible({ name: config.provider, baseURL, ...(apiKey ? { apiKey } : {}) }).chatModel(config.model);
    }
  }
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
