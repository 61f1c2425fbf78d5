import { DowncityError, ErrorCodes, parseModelShorthand, type ModelConfigInput } from '@downcity/core';

/**
 * The model named by `DOWNCITY_MODEL` (`<provider>:<model>`, e.g. `openai:gpt-4o-mini`,
 * `ollama:qwen2.5:7b`, which needs `ollama-ai-provider-v2` installed), with `DOWNCITY_MODEL_BASE_URL`
 * as its base URL when set (needed for `openai-compatible`). `undefined` when `DOWNCITY_MODEL` is unset.
 */
export function modelFromEnv(env: Readonly<Record<string, string | undefined>>): ModelConfigInput | undefined {
  const value = env.DOWNCITY_MODEL?.trim();
  if (!value) return undefined;
  const shorthand = parseModelShorthand(value);
  if (!shorthand || shorthand.model === '') {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `Invalid DOWNCITY_MODEL "${value}": use "<provider>:<model>" with provider openai, anthropic, ollama or openai-compatible (e.g. "openai:gpt-4o-mini").`,
      { details: { problems: [{ path: 'DOWNCITY_MODEL', message: 'must be "<provider>:<model>"' }] } },
    );
  }
  const baseURL = env.DOWNCITY_MODEL_BASE_URL?.trim();
  return { ...shorthand, ...(baseURL ? { baseURL } : {}) };
}
