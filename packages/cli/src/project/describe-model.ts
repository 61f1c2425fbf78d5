import type { AgentOptions } from '@downcity/core';

/** Which model a project runs with, and where that came from. Never includes keys. */
export interface ModelSummary {
  /** `option` (passed to loadProject), `env` (`DOWNCITY_MODEL`), `config` (`model` in the config) or `none`. */
  source: 'option' | 'env' | 'config' | 'none';
  /** The provider, when known. */
  provider?: string;
  /** The model id, when known. */
  model?: string;
  /** The models tried after it when it fails (a `model` list), as `<provider>:<model>`; absent for one model. */
  fallbacks?: string[];
}

type OneModel = Exclude<NonNullable<AgentOptions['model']>, readonly unknown[]>;

/** One model as `<provider>` and `<model>`. */
function describeOne(model: OneModel): { provider: string; model: string } {
  if (typeof model === 'string') {
    const index = model.indexOf(':');
    return { provider: model.slice(0, index), model: model.slice(index + 1) };
  }
  if ('specificationVersion' in model) return { provider: model.provider, model: model.modelId };
  return { provider: model.provider, model: model.model };
}

/** Summarizes the model option given to `createAgent`: one model, or the first of a list and the ones after it. */
export function describeModel(model: AgentOptions['model'], source: ModelSummary['source']): ModelSummary {
  if (model === undefined) return { source: 'none' };
  const list: readonly OneModel[] = Array.isArray(model) ? model : [model as OneModel];
  const [first, ...rest] = list;
  if (first === undefined) return { source: 'none' };
  const fallbacks = rest.map((entry) => {
    const { provider, model: id } = describeOne(entry);
    return `${provider}:${id}`;
  });
  return { source, ...describeOne(first), ...(fallbacks.length > 0 ? { fallbacks } : {}) };
}

/** `openai:gpt-4o`, or `openai:gpt-4o, then anthropic:claude-sonnet-4-5` for a list. */
export function modelLabel(summary: Pick<ModelSummary, 'provider' | 'model' | 'fallbacks'>): string {
  return [`${summary.provider}:${summary.model}`, ...(summary.fallbacks ?? [])].join(', then ');
}
