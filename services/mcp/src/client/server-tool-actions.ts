import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { jsonSchemaInput, safeToolName, type ActionCall, type ExecutionContext, type RuntimeActions } from '@downcity/core';
import { z } from 'zod';
import type { McpServerConnection } from './mcp-server-connection.js';
import type { McpServerConfig } from './servers-config.js';
import { checkBeforeCall, runServerTool } from './run-server-tool.js';
import type { ToolApprovals } from './tool-approvals.js';

/** Options for {@link ServerToolActions}. */
export interface ServerToolActionsOptions {
  /** The server's name. */
  server: string;
  /** Its config. */
  config: McpServerConfig;
  /** The connection its tools are called through. */
  connection: McpServerConnection;
  /** The mcp service's context (logger, guards). */
  context: ExecutionContext;
  /** Where the actions are registered. */
  actions: RuntimeActions;
  /** Provider tool names taken by other servers' actions, shared by all servers: a clash skips the later tool. */
  toolNames: Map<string, string>;
  /** Where calls to a server with `approval: true` wait for the user's answer. */
  approvals: ToolApprovals;
}

const MCP_TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/;

/**
 * The actions `mcp/<server>/<tool>` of one server, kept equal to the server's tool list: `sync`
 * adds new tools, replaces changed ones and removes those the server no longer lists. Each call
 * is validated against the tool's JSON Schema (by the action registry), guarded by `mcp/before-call`
 * and sent with the server's timeout (or, for a server with `approval: true`, stored until the chat user
 * answers `/approve <id>`); its result is mapped by `toolOutput`.
 */
export class ServerToolActions {
  readonly #options: ServerToolActionsOptions;
  readonly #removers = new Map<string, () => void>();

  constructor(options: ServerToolActionsOptions) {
    this.#options = options;
  }

  /** Makes the registered actions match `tools` (filtered by the server's `tools` allow-list). */
  sync(tools: readonly Tool[]): void {
    const { server, config, context } = this.#options;
    const allowed = config.tools ? new Set(config.tools) : undefined;
    const wanted = new Map<string, Tool>();
    for (const tool of tools) {
      if (allowed && !allowed.has(tool.name)) continue;
      if (!MCP_TOOL_NAME.test(tool.name)) {
        context.logger.warn(`MCP server "${server}" lists a tool with an unusable name ${JSON.stringify(tool.name.slice(0, 200))}; it is not offered`);
        continue;
      }
      wanted.set(tool.name, tool);
    }
    for (const [name, remove] of this.#removers) {
      if (!wanted.has(name)) {
        remove();
        this.#removers.delete(name);
      }
    }
    for (const tool of wanted.values()) this.#add(tool);
    const missing = config.tools?.filter((name) => !wanted.has(name)) ?? [];
    if (missing.length > 0) context.logger.warn(`MCP server "${server}" does not list the configured tools ${missing.join(', ')}`);
    context.logger.debug({ tools: [...wanted.keys()] }, `MCP server "${server}" offers ${wanted.size} tools`);
  }

  /** Removes every action of the server. */
  clear(): void {
    for (const remove of this.#removers.values()) remove();
    this.#removers.clear();
  }

  #add(tool: Tool): void {
    const { server, context, actions, toolNames } = this.#options;
    const short = `${server}/${tool.name}`;
    const action = `${context.id}/${short}`;
    const toolName = safeToolName(action);
    const owner = toolNames.get(toolName);
    if (owner !== undefined && owner !== action) {
      context.logger.warn(`MCP tool "${tool.name}" of server "${server}" would be offered to the model as "${toolName}", which "${owner}" already uses; it is not offered`);
      return;
    }
    toolNames.set(toolName, action);
    const input = jsonSchemaInput(tool.inputSchema, (error) =>
      context.logger.warn({ err: error }, `The input schema of MCP tool "${tool.name}" of server "${server}" cannot be checked here; inputs are checked by the server only`),
    );
    const remove = actions.add(short, {
      description: tool.description ?? tool.title ?? `Tool "${tool.name}" of MCP server "${server}".`,
      ...input,
      output: z.unknown(),
      run: (validated, call) => this.#call(tool.name, validated, call),
    });
    this.#removers.set(tool.name, () => {
      remove();
      if (toolNames.get(toolName) === action) toolNames.delete(toolName);
    });
  }

  async #call(tool: string, input: unknown, call: ActionCall): Promise<unknown> {
    const { server, config, connection, context, approvals } = this.#options;
    const handle = { server, config, connection };
    await checkBeforeCall(context, handle, { tool, input, principal: call.principal, sessionId: call.sessionId });
    if (config.approval) return approvals.ask(handle, tool, input, call);
    return runServerTool(handle, tool, input, call.signal);
  }
}
