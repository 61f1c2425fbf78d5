import { DowncityError, ErrorCodes, type ExecutionContext, type Principal } from '@downcity/core';
import type { McpServerConnection } from './mcp-server-connection.js';
import type { McpServerConfig } from './servers-config.js';
import { toolOutput, type McpToolOutput } from './tool-result.js';
import './mcp-call-points.js';

/** One configured server as a tool call needs it. */
export interface McpServerHandle {
  /** The server's name. */
  server: string;
  /** Its config. */
  config: McpServerConfig;
  /** The connection its tools are called through. */
  connection: McpServerConnection;
}

/**
 * Runs the `mcp/before-call` guards for one tool call; throws `DENIED` with the guard's reason when one refuses.
 *
 * @param context - the mcp service's context
 * @param handle - the server
 * @param call - the tool, its input, and on whose behalf in which session
 */
export async function checkBeforeCall(
  context: ExecutionContext,
  handle: McpServerHandle,
  call: { tool: string; input: unknown; principal?: Principal | undefined; sessionId?: string | undefined },
): Promise<void> {
  const { server, config } = handle;
  const verdict = await context.plugins.guard('mcp/before-call', {
    server,
    tool: call.tool,
    action: `${context.id}/${server}/${call.tool}`,
    permission: config.permission,
    input: call.input,
    ...(call.principal ? { principal: call.principal } : {}),
    ...(call.sessionId ? { sessionId: call.sessionId } : {}),
  });
  if (!verdict.allow) {
    throw new DowncityError(ErrorCodes.DENIED, `Calling MCP tool "${call.tool}" of server "${server}" was denied: ${verdict.reason}`);
  }
}

/**
 * Sends one tool call to its server (with the server's timeout) and maps the result to the model's tool output.
 *
 * @param handle - the server
 * @param tool - the tool's name on the server
 * @param input - the validated input
 * @param signal - cancels the call
 */
export async function runServerTool(handle: McpServerHandle, tool: string, input: unknown, signal: AbortSignal): Promise<McpToolOutput> {
  const { server, config, connection } = handle;
  const args = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const result = await connection.callTool(tool, args, signal);
  return toolOutput({ server, tool, result, maxResultBytes: config.maxResultBytes });
}
