import type { ProviderModel } from '../model/run-model-loop.js';
import type { TurnResult } from '../session/session-api.js';
import { DowncityAttributes, GenAiAttributes, GenAiOperations } from './gen-ai-attributes.js';
import { providerNameOf } from './trace-model.js';
import { withSpan } from './with-span.js';

/** What the turn span describes. */
export interface TracedTurn {
  /** The session the turn runs in (`gen_ai.conversation.id`). */
  sessionId: string;
  /** The agent's model, when one is configured. */
  model: ProviderModel | undefined;
}

/**
 * Runs a turn inside its `invoke_agent` span (GenAI semantic conventions): the model calls and tool runs
 * of the turn are its children. When the turn ends its steps, summed token usage and finish reason are set.
 */
export function traceTurn(turn: TracedTurn, run: () => Promise<TurnResult>): Promise<TurnResult> {
  const attributes = {
    [GenAiAttributes.operationName]: GenAiOperations.invokeAgent,
    [GenAiAttributes.conversationId]: turn.sessionId,
    ...(turn.model ? { [GenAiAttributes.providerName]: providerNameOf(turn.model.provider), [GenAiAttributes.requestModel]: turn.model.modelId } : {}),
  };
  return withSpan('invoke_agent', { attributes }, async (span) => {
    const result = await run();
    span.setAttribute(DowncityAttributes.turnSteps, result.steps);
    span.setAttribute(GenAiAttributes.responseFinishReasons, [result.finishReason]);
    if (result.usage.inputTokens !== undefined) span.setAttribute(GenAiAttributes.usageInputTokens, result.usage.inputTokens);
    if (result.usage.outputTokens !== undefined) span.setAttribute(GenAiAttributes.usageOutputTokens, result.usage.outputTokens);
    return result;
  });
}
