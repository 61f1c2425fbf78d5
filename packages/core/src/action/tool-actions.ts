import { z } from 'zod';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { toolNameOf } from '../model/tool-name.js';
import type { ActionRegistry, RegisteredAction } from './action-registry.js';
import type { Principal } from './principal.js';

/** A tool action as another tool protocol (MCP) describes it: the same name, text and JSON Schema the model sees. */
export interface ToolActionInfo {
  /** The action's full name, e.g. `chat/send`. */
  action: string;
  /** The tool name the model sees, e.g. `chat_send` (see {@link toolNameOf}). */
  name: string;
  /** What it does. */
  description: string;
  /** The JSON Schema (draft 2020-12, without `$schema`) of its input. */
  inputSchema: Record<string, unknown>;
}

/** Options for {@link ToolActions.call}. */
export interface ToolCallOptions {
  /** On whose behalf: the guards of the action decide with it. Absent means the operator. */
  principal?: Principal;
  /** The session the call belongs to, when any. */
  sessionId?: string;
  /** Cancels the call. The agent's stop cancels it too. */
  signal?: AbortSignal;
}

/**
 * The agent's tool actions (every registered action marked `tool`), for a package that serves them over
 * another protocol (the MCP server) or a host that lists them. Calls go through the action registry, so input
 * validation and the action's own guards apply exactly as for a model tool call.
 */
export interface ToolActions {
  /** Every tool action, sorted by name; computed on each call, so actions added or removed at run time show. */
  list(): ToolActionInfo[];
  /**
   * Calls a tool action by its action name (`chat/send`) or tool name (`chat_send`).
   *
   * @throws `DowncityError` `ACTION_UNKNOWN` when no tool action has that name (an action that is not a tool
   *   included); otherwise whatever the action throws (`ACTION_INVALID` for bad input, `DENIED` from a guard).
   */
  call(name: string, input: unknown, options?: ToolCallOptions): Promise<unknown>;
  /** Calls `listener` whenever an action is added or removed. Returns a function that stops it. */
  onChange(listener: () => void): () => void;
}

const schemas = new WeakMap<RegisteredAction, Record<string, unknown>>();

/**
 * The JSON Schema of a tool action's input, as the model and MCP clients see it: the action's own
 * `inputJsonSchema` when it was described by one (an MCP server's tool), else zod's `toJSONSchema` of its
 * input (input side, unrepresentable parts left open); without `$schema` either way. Computed once per action.
 */
export function toolInputJsonSchema(action: RegisteredAction): Record<string, unknown> {
  let schema = schemas.get(action);
  if (!schema) {
    const { $schema: _ignored, ...rest } =
      action.definition.inputJsonSchema ?? (z.toJSONSchema(action.definition.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
    schema = rest;
    schemas.set(action, schema);
  }
  return schema;
}

/** The tool actions of `registry`, called as `caller` (a package id, or `agent` for the host), cancelled by `signal` by default. */
export function createToolActions(options: { registry: ActionRegistry; caller: string; signal: AbortSignal }): ToolActions {
  const { registry, caller, signal } = options;
  const tools = (): RegisteredAction[] => registry.list().filter((action) => action.tool);
  return {
    list: () =>
      tools()
        .map((action) => ({ action: action.name, name: toolNameOf(action.name), description: action.definition.description, inputSchema: toolInputJsonSchema(action) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    async call(name, input, callOptions = {}) {
      const found = tools().find((action) => action.name === name || toolNameOf(action.name) === name);
      if (!found) {
        const known = tools()
          .map((action) => toolNameOf(action.name))
          .sort()
          .join(', ');
        throw new DowncityError(ErrorCodes.ACTION_UNKNOWN, `No tool "${name}". Tools: ${known || '(none)'}.`);
      }
      return registry.invoke(found.name, input, caller, {
        signal: callOptions.signal ? AbortSignal.any([callOptions.signal, signal]) : signal,
        ...(callOptions.principal ? { principal: callOptions.principal } : {}),
        ...(callOptions.sessionId ? { sessionId: callOptions.sessionId } : {}),
      });
    },
    onChange: (listener) => registry.onChange(listener),
  };
}
