/** Token counts of one or more model steps, every count present (0 when the provider reported none). */
export interface TokenCounts {
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  /** Completion tokens, reasoning ones included. */
  outputTokens: number;
  /** Of the prompt tokens, those read from the provider's prompt cache. */
  cachedInputTokens: number;
  /** Of the completion tokens, the reasoning ones. */
  reasoningTokens: number;
  /** Input plus output. */
  totalTokens: number;
}
