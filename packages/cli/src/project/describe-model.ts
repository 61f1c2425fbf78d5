import type { AgentOptions } from '@downcity/core';

/** Which model a project runs with, and where that came from. Never includes keys. */
export interface ModelSummary {
  /** `option` (passed to loadProject), `env` (`DOWNCITY_MODEL`), `config` (`model` in the config) or `none`. */
  source: 'option' | 'env' | 'config' | 'none';
  /** The provider, when known. */
  provider?: string;
  /** The model id, when known. */
  model?: string;
}

/** Summarizes the model option given to `createAgent`. */
export function describeModel(model: AgentOptions['model'], source: ModelSummary['source']): ModelSummary {
  if (model === undefined) return { source: 'none' };
  if (typeof model === 'string') {
    const index = model.indexOf(':');
    return { source, provider: model.slice(0, index), model: model.slice(index + 1) };
  }
  if ('specificationVersion' in model) return { source, provider: model.provider, model: model.modelId };
  return { source, provider: model.provider, model: model.model };
}
