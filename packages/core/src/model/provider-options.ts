import type { SharedV4ProviderOptions } from '@ai-sdk/provider';

/** Provider options by provider name, e.g. `{ openai: { reasoningEffort: 'low' } }` (the AI SDK's `providerOptions`). */
export type ProviderOptions = SharedV4ProviderOptions;

/**
 * Merges provider options from the agent, the session and the call, later ones winning per
 * provider and per key: `{ openai: { reasoningEffort } }` from the call keeps the agent's other
 * `openai` options. Returns `undefined` when there are none.
 */
export function mergeProviderOptions(...layers: (ProviderOptions | undefined)[]): ProviderOptions | undefined {
  let merged: ProviderOptions | undefined;
  for (const layer of layers) {
    if (!layer) continue;
    merged ??= {};
    for (const [provider, options] of Object.entries(layer)) {
      const previous = merged[provider];
      merged[provider] = previous ? { ...previous, ...options } : { ...options };
    }
  }
  return merged;
}
