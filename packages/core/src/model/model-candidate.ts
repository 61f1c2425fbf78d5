import type { ProviderOptions } from './provider-options.js';
import type { ProviderModel } from './run-model-loop.js';

/**
 * One model of a turn's fallback list, with the call settings that belong to it. A turn tries the
 * first; when it fails after its own retries with a failure another model may not share (429, 5xx,
 * an overload, a call timeout, a network error) the turn moves to the next.
 */
export interface ModelCandidate {
  /** `<provider>:<model id>`, e.g. `openai:gpt-4o-mini`; stored with every step the model runs. */
  id: string;
  /** The provider model. */
  model: ProviderModel;
  /** Retries of one call on 429 / 5xx before the call counts as failed. */
  maxRetries: number;
  /** Sampling temperature for this model. */
  temperature?: number;
  /** This model's own provider options (`model.providerOptions` of its config entry). */
  providerOptions?: ProviderOptions;
}

/**
 * The id a provider model is stored and priced under: its provider's name without the API suffix
 * and its model id, e.g. `openai:gpt-4o` for `openai.responses` / `openai.chat` models, the same
 * id a config entry `{ provider: 'openai', model: 'gpt-4o' }` gets.
 *
 * @param model - An AI SDK provider model.
 */
export function modelIdOf(model: ProviderModel): string {
  const provider = model.provider.split('.')[0] || model.provider;
  return `${provider}:${model.modelId}`;
}
