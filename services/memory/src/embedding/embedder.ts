import { embed, type EmbeddingModel } from 'ai';
import type { EmbeddingConfig } from '../config.js';

/** Turns text into vectors with the configured embedding model. */
export interface Embedder {
  /** The embedding model id, for logs. */
  readonly modelId: string;
  /** Embeds one text. Rejects on provider errors and after the configured timeout. */
  embed(text: string, signal?: AbortSignal): Promise<number[]>;
}

/** Options for {@link createEmbedder}. */
export interface CreateEmbedderOptions {
  /** The AI SDK embedding model. */
  model: EmbeddingModel;
  /** Timeout, retries and the model id. */
  config: Pick<EmbeddingConfig, 'model' | 'timeoutMs' | 'maxRetries'>;
}

/** Wraps an AI SDK embedding model with the configured timeout and retries. */
export function createEmbedder(options: CreateEmbedderOptions): Embedder {
  const { model, config } = options;
  const abortSignal = (signal: AbortSignal | undefined): AbortSignal => {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  };
  return {
    modelId: config.model,
    embed: async (text, signal) => (await embed({ model, value: text, maxRetries: config.maxRetries, abortSignal: abortSignal(signal) })).embedding,
  };
}
