import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';

type OllamaOptions = Record<string, unknown>;

/** The AI SDK call settings and the key each has in Ollama's `options` object. */
const settingKeys = [
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['seed', 'seed'],
  ['maxOutputTokens', 'num_predict'],
  ['stopSequences', 'stop'],
] as const;

/**
 * Copies the AI SDK's sampling settings into `providerOptions.ollama.options`, where Ollama's
 * `/api/chat` reads them. `ollama-ai-provider-v2` 4.x sends `temperature`, `top_p` and
 * `max_output_tokens` at the top level of the request, which Ollama ignores, so without this
 * `model.temperature` would silently have no effect. A value the caller already put in
 * `providerOptions.ollama.options` wins.
 */
export function moveSamplingToOllamaOptions(params: LanguageModelV4CallOptions): LanguageModelV4CallOptions {
  const fromSettings: OllamaOptions = {};
  for (const [setting, key] of settingKeys) {
    const value = params[setting];
    if (value !== undefined) fromSettings[key] = value;
  }
  if (Object.keys(fromSettings).length === 0) return params;
  const ollama = (params.providerOptions?.ollama ?? {}) as Record<string, unknown>;
  const given = (ollama.options ?? {}) as OllamaOptions;
  return {
    ...params,
    providerOptions: { ...params.providerOptions, ollama: { ...ollama, options: { ...fromSettings, ...given } } } as LanguageModelV4CallOptions['providerOptions'],
  };
}

/** Wraps an Ollama model so its sampling settings reach Ollama (see {@link moveSamplingToOllamaOptions}). */
export function withOllamaSampling(model: LanguageModelV4): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: { specificationVersion: 'v4', transformParams: async ({ params }) => moveSamplingToOllamaOptions(params) },
  });
}
