import type { ModelPrice } from './usage-settings.js';

/** The token counts a cost is computed from. */
export interface CostedTokens {
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  /** Completion tokens, reasoning ones included. */
  outputTokens: number;
  /** Of the prompt tokens, those read from the prompt cache. */
  cachedInputTokens: number;
  /** Of the completion tokens, the reasoning ones. */
  reasoningTokens: number;
}

/**
 * A step's cost from a price per million tokens: uncached input at `input`, cached input at `cachedInput`
 * (default `input`), non-reasoning output at `output`, reasoning at `reasoning` (default `output`).
 * `undefined` when the model has no price: never a made-up cost.
 */
export function stepCost(tokens: CostedTokens, price: ModelPrice | undefined): number | undefined {
  if (!price) return undefined;
  const cached = Math.min(tokens.cachedInputTokens, tokens.inputTokens);
  const reasoning = Math.min(tokens.reasoningTokens, tokens.outputTokens);
  const total =
    (tokens.inputTokens - cached) * price.input +
    cached * (price.cachedInput ?? price.input) +
    (tokens.outputTokens - reasoning) * price.output +
    reasoning * (price.reasoning ?? price.output);
  return total / 1_000_000;
}
