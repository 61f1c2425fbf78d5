import { context, createContextKey } from '@opentelemetry/api';
import { DowncityAttributes, GenAiAttributes, GenAiOperations } from './gen-ai-attributes.js';
import { withSpan } from './with-span.js';

const toolCallKey = createContextKey('downcity.tool-call-id');

/** Runs `work` with the model's tool call id in the context, so the action's span records it. */
export function withToolCallId<T>(toolCallId: string | undefined, work: () => T): T {
  return toolCallId === undefined ? work() : context.with(context.active().setValue(toolCallKey, toolCallId), work);
}

/**
 * Runs an action inside its `execute_tool <name>` span (GenAI semantic conventions): the tool name, the
 * caller, and the model's tool call id when the model called it. A failure (bad input, a throw) sets the
 * span's error status.
 */
export function traceAction<T>(name: string, caller: string, run: () => Promise<T>): Promise<T> {
  const toolCallId = context.active().getValue(toolCallKey);
  const attributes = {
    [GenAiAttributes.operationName]: GenAiOperations.executeTool,
    [GenAiAttributes.toolName]: name,
    [DowncityAttributes.actionCaller]: caller,
    ...(typeof toolCallId === 'string' ? { [GenAiAttributes.toolCallId]: toolCallId } : {}),
  };
  // A nested action (one action invoking another) must not inherit the model's tool call id.
  return withSpan(`execute_tool ${name}`, { attributes }, () => context.with(context.active().deleteValue(toolCallKey), run));
}
