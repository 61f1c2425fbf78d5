import { context, createContextKey } from '@opentelemetry/api';
import { DowncityAttributes, GenAiAttributes, GenAiOperations } from './gen-ai-attributes.js';
import { withSpan } from './with-span.js';

const toolCallKey = createContextKey('downcity.tool-call-id');

/** Runs `work` with the model's tool call id in the context, so the action's span records it. */
export function withToolCallId<T>(toolCallId: string | undefined, work: () => T): T {
  return toolCallId === undefined ? work() : context.with(context.active().setValue(toolCallKey, toolCallId), work);
}

/**
 * Runs an action inside its span: a tool call by the model is an `execute_tool <name>` span (GenAI semantic
 * conventions: the tool name and the model's tool call id); a call by the host, the CLI or another package
 * (a budget check, `task/run`...) is no GenAI operation and gets an `action <name>` span. Both carry the
 * action's name and caller; a failure (bad input, a throw) sets the span's error status.
 */
export function traceAction<T>(name: string, caller: string, run: () => Promise<T>): Promise<T> {
  const toolCallId = context.active().getValue(toolCallKey);
  const byModel = caller === 'model';
  const attributes = {
    [DowncityAttributes.actionName]: name,
    [DowncityAttributes.actionCaller]: caller,
    ...(byModel ? { [GenAiAttributes.operationName]: GenAiOperations.executeTool, [GenAiAttributes.toolName]: name } : {}),
    ...(byModel && typeof toolCallId === 'string' ? { [GenAiAttributes.toolCallId]: toolCallId } : {}),
  };
  // A nested action (one action invoking another) must not inherit the model's tool call id.
  return withSpan(`${byModel ? 'execute_tool' : 'action'} ${name}`, { attributes }, () => context.with(context.active().deleteValue(toolCallKey), run));
}
