import { tool, type ToolSet } from 'ai';
import type { Principal } from './action.js';
import type { ActionRegistry } from './action-registry.js';

/** Tool names allow letters, digits, `_` and `-`; `chat/send` becomes `chat_send`. */
export function toolNameOf(actionName: string): string {
  return actionName.replace(/\//g, '_');
}

/** Options for {@link actionTools}. */
export interface ActionToolsOptions {
  /** The action registry. */
  registry: ActionRegistry;
  /** `all` tool actions, `none`, or a list of action names. */
  selection: 'all' | 'none' | string[];
  /** The principal every tool call runs on behalf of. The model cannot change it. */
  principal?: Principal;
  /** The session the tools run in. */
  sessionId: string;
  /** Aborted with the turn. */
  signal: AbortSignal;
}

/** Exposes tool-enabled actions to the model as AI SDK tools that invoke through the registry. */
export function actionTools(options: ActionToolsOptions): ToolSet {
  if (options.selection === 'none') return {};
  const allowed = options.selection === 'all' ? undefined : new Set(options.selection);
  const tools: ToolSet = {};
  for (const action of options.registry.list()) {
    if (!action.tool || (allowed && !allowed.has(action.name))) continue;
    tools[toolNameOf(action.name)] = tool({
      description: action.definition.description,
      inputSchema: action.definition.input,
      execute: (input: unknown, execution: { abortSignal?: AbortSignal }) =>
        options.registry.invoke(action.name, input, 'model', {
          sessionId: options.sessionId,
          signal: execution.abortSignal ?? options.signal,
          ...(options.principal ? { principal: options.principal } : {}),
        }),
    });
  }
  return tools;
}
