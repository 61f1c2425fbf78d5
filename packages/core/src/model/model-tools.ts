import type { LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { z } from 'zod';
import type { Principal } from '../action/action.js';
import type { ActionRegistry, RegisteredAction } from '../action/action-registry.js';

/** Tool names allow letters, digits, `_` and `-`; `chat/send` becomes `chat_send`. */
export function toolNameOf(actionName: string): string {
  return actionName.replace(/\//g, '_');
}

const schemas = new WeakMap<RegisteredAction, LanguageModelV3FunctionTool>();

function describeTool(action: RegisteredAction): LanguageModelV3FunctionTool {
  let described = schemas.get(action);
  if (!described) {
    const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(action.definition.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    described = { type: 'function', name: toolNameOf(action.name), description: action.definition.description, inputSchema };
    schemas.set(action, described);
  }
  return described;
}

/** The tools of one turn: their provider descriptions and how to run each by tool name. */
export interface TurnTools {
  /** Tool descriptions for the provider. */
  definitions: LanguageModelV3FunctionTool[];
  /** Runs a tool call through the action registry (input validated there). */
  execute(toolName: string, input: unknown, signal: AbortSignal): Promise<unknown>;
}

/** Options for {@link turnTools}. */
export interface TurnToolsOptions {
  /** The action registry. */
  registry: ActionRegistry;
  /** `all` tool actions, `none`, or a list of action names. */
  selection: 'all' | 'none' | string[];
  /** The principal every tool call runs on behalf of. The model cannot change it. */
  principal?: Principal;
  /** The session the tools run in. */
  sessionId: string;
}

/** Selects the tool-enabled actions for a turn. */
export function turnTools(options: TurnToolsOptions): TurnTools {
  if (options.selection === 'none') return { definitions: [], execute: () => Promise.reject(new Error('No tools are available in this turn.')) };
  const allowed = options.selection === 'all' ? undefined : new Set(options.selection);
  const byTool = new Map<string, RegisteredAction>();
  for (const action of options.registry.list()) {
    if (action.tool && (!allowed || allowed.has(action.name))) byTool.set(toolNameOf(action.name), action);
  }
  return {
    definitions: [...byTool.values()].map(describeTool),
    execute: async (toolName, input, signal) => {
      const action = byTool.get(toolName);
      if (!action) throw new Error(`Unknown tool "${toolName}". Available tools: ${[...byTool.keys()].join(', ') || '(none)'}.`);
      return options.registry.invoke(action.name, input, 'model', {
        sessionId: options.sessionId,
        signal,
        ...(options.principal ? { principal: options.principal } : {}),
      });
    },
  };
}
