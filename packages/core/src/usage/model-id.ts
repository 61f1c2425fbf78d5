/**
 * The `<provider>:<modelId>` id of a model as usage records and the price table name it: the step's own
 * `model` when the loop reports one, else the provider model's `provider` up to its first dot
 * (`openai.chat` and `openai.responses` are both `openai`) and its `modelId`.
 */
export function usageModelId(step: { model?: unknown }, model: { provider: string; modelId: string }): string {
  if (typeof step.model === 'string' && step.model !== '') return step.model;
  const provider = model.provider.split('.')[0] || model.provider;
  return `${provider}:${model.modelId}`;
}
