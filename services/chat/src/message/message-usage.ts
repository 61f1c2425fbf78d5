import type { JsonObject, TokenCounts } from '@downcity/core';

/** The token usage and cost of the model step an assistant message opened, as history shows it. */
export interface MessageUsage extends TokenCounts {
  /** The model that ran the step, `<provider>:<modelId>`, when recorded. */
  model?: string;
  /** The step's cost from the agent's price table, or `null` when the model has no price (`usage.prices`). */
  cost: number | null;
  /** The currency of `cost`, when priced. */
  currency?: string;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * The usage a stored message carries: the core stores a step's usage (`metadata.usage`) and model
 * (`metadata.model`) on the step's first message only, so summing messages counts each step once.
 * `undefined` for messages that opened no step (user messages, tool results, later messages of a step).
 */
export function messageUsageOf(metadata: JsonObject): MessageUsage | undefined {
  const usage = metadata.usage;
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) return undefined;
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  const inputTokens = count(usage.inputTokens);
  const outputTokens = count(usage.outputTokens);
  return {
    ...(typeof metadata.model === 'string' ? { model: metadata.model } : {}),
    inputTokens,
    outputTokens,
    cachedInputTokens: count(usage.cachedInputTokens),
    reasoningTokens: count(usage.reasoningTokens),
    totalTokens: inputTokens + outputTokens,
    cost: typeof usage.cost === 'number' ? usage.cost : null,
    ...(typeof usage.currency === 'string' && typeof usage.cost === 'number' ? { currency: usage.currency } : {}),
  };
}
