import { jsonSchema, tool, type JSONSchema7, type ToolSet } from 'ai';
import type { Principal } from '../action/action.js';
import type { ActionRegistry, RegisteredAction } from '../action/action-registry.js';
import { toolInputJsonSchema } from '../action/tool-actions.js';
import { redactSecrets } from '../secrets/secret-registry.js';
import { withToolCallId } from '../telemetry/trace-action.js';
import { toolNameOf } from './tool-name.js';

export { toolNameOf } from './tool-name.js';

interface ToolDescription {
  description: string;
  inputSchema: ReturnType<typeof jsonSchema<unknown>>;
}

const neverAborted = new AbortController().signal;

/** A failed tool call as the model sees it: the AI SDK sends `String(error)`, so this is just the (redacted) message. */
class ToolCallFailure extends Error {
  override readonly name = 'ToolCallFailure';

  override toString(): string {
    return this.message;
  }
}

const descriptions = new WeakMap<RegisteredAction, ToolDescription>();

/** The action's description and JSON Schema, computed once per action. Inputs are validated by the registry, not here. */
function describeTool(action: RegisteredAction): ToolDescription {
  let described = descriptions.get(action);
  if (!described) {
    described = { description: action.definition.description, inputSchema: jsonSchema<unknown>(toolInputJsonSchema(action) as JSONSchema7) };
    descriptions.set(action, described);
  }
  return described;
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

/**
 * The tool-enabled actions of a turn as an AI SDK tool set. Each call runs through the action
 * registry (input validated, guards run, the turn's principal attached); a failure goes back to
 * the model as the tool's error text, with secrets redacted.
 */
export function turnTools(options: TurnToolsOptions): ToolSet {
  const tools: ToolSet = {};
  if (options.selection === 'none') return tools;
  const allowed = options.selection === 'all' ? undefined : new Set(options.selection);
  for (const action of options.registry.list()) {
    if (!action.tool || (allowed && !allowed.has(action.name))) continue;
    const { description, inputSchema } = describeTool(action);
    tools[toolNameOf(action.name)] = tool({
      description,
      inputSchema,
      execute: async (input, { abortSignal, toolCallId }) => {
        try {
          return await withToolCallId(toolCallId, () =>
            options.registry.invoke(action.name, input, 'model', {
              sessionId: options.sessionId,
              signal: abortSignal ?? neverAborted,
              ...(options.principal ? { principal: options.principal } : {}),
            }),
          );
        } catch (error) {
          if (abortSignal?.aborted) throw error;
          throw new ToolCallFailure(redactSecrets(error instanceof Error ? error.message : String(error)));
        }
      },
    });
  }
  return tools;
}
