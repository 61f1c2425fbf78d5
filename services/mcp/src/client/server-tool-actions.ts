import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { DowncityError, ErrorCodes, jsonSchemaInput, safeToolName, type ActionCall, type ExecutionContext, type RuntimeActions } from '@downcity/core';
import { z } from 'zod';
import type { McpServerConnection } from './mcp-server-connection.js';
import type { McpServerConfig } from './servers-config.js';
import { toolOutput } from './tool-result.js';
import './mcp-call-points.js';

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
}

const MCP_TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/;

/**
 * The actions `mcp/<server>/<tool>` of one server, kept equal to the server's tool list: `sync`
 * adds new tools, replaces changed ones and removes those the server no longer lists. Each call
 * is validated against the tool's JSON Schema (by the action registry), guarded by `mcp/before-call`
 * and sent with the server's timeout; its result is mapped by {@link toolOutput}.
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
    const { server, config, connection, context } = this.#options;
    const verdict = await context.plugins.guard('mcp/before-call', {
      server,
      tool,
      action: `${context.id}/${server}/${tool}`,
      permission: config.permission,
      input,
      ...(call.principal ? { principal: call.principal } : {}),
      ...(call.sessionId ? { sessionId: call.sessionId } : {}),
    });
    if (!verdict.allow) {
      throw new DowncityError(ErrorCodes.DENIED, `Calling MCP tool "${tool}" of server "${server}" was denied: ${verdict.reason}`);
    }
    const args = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const result = await connection.callTool(tool, args, call.signal);
    return toolOutput({ server, tool, result, maxResultBytes: config.maxResultBytes });
  }
}
