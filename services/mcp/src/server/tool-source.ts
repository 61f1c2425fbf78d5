import type { ToolActionInfo } from '@downcity/core';

/**
 * Where an MCP tool server gets its tools: the agent's tool actions in process (`context.tools`, the HTTP
 * endpoint) or a running agent reached through its control socket (`downcity mcp`).
 */
export interface ToolSource {
  /** The tools to offer, with their JSON Schemas. Called on every `tools/list`. */
  list(): ToolActionInfo[] | Promise<ToolActionInfo[]>;
  /**
   * Calls a tool by its tool name. Throws what the action throws: a `DowncityError` `ACTION_UNKNOWN` for a
   * name that is no tool, any other error for a call that failed.
   */
  call(name: string, input: unknown, options: { signal: AbortSignal }): Promise<unknown>;
  /**
   * Calls `listener` when the tools may have changed (actions added or removed), so connected clients get
   * `notifications/tools/list_changed`. Returns a function that stops it. Optional.
   */
  onChange?(listener: () => void): () => void;
}
