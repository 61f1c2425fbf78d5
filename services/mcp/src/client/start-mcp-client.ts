import type { ExecutionContext } from '@downcity/core';
import { McpServerConnection } from './mcp-server-connection.js';
import { ServerToolActions } from './server-tool-actions.js';
import type { McpServerConfig } from './servers-config.js';
import type { ToolApprovals } from './tool-approvals.js';

/** Options for {@link startMcpClient}. */
export interface StartMcpClientOptions {
  /** The mcp service's context; its manifest declares `runtimeActions`. */
  context: ExecutionContext;
  /** `services.mcp.servers`. */
  servers: Readonly<Record<string, McpServerConfig>>;
  /** The client's name and version, sent to each server. */
  clientInfo: { name: string; version: string };
  /** Where calls to servers with `approval: true` wait for the user's answer. */
  approvals: ToolApprovals;
}

/**
 * Connects to every configured MCP server in the background (agent start is not delayed; a
 * server's tools appear as actions once it has answered `tools/list`) and keeps its tools
 * registered as actions `mcp/<server>/<tool>`. Everything, child processes included, is stopped
 * by the context's disposers when the agent stops.
 */
export function startMcpClient(options: StartMcpClientOptions): void {
  const { context, servers, clientInfo, approvals } = options;
  const actions = context.actions;
  if (!actions) throw new Error('the mcp service needs "runtimeActions" in its manifest');
  const toolNames = new Map<string, string>();
  for (const [server, config] of Object.entries(servers)) {
    let tools: ServerToolActions | undefined;
    const connection = new McpServerConnection({ name: server, config, clientInfo, logger: context.logger, onTools: (list) => tools?.sync(list) });
    tools = new ServerToolActions({ server, config, connection, context, actions, toolNames, approvals });
    approvals.addServer({ server, config, connection });
    const serverTools = tools;
    context.onDispose(async () => {
      serverTools.clear();
      await connection.close();
    });
    connection.start();
  }
}
