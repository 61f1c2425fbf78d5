import type { ExecutionContext } from '@downcity/core';
import { mountMcpEndpoint } from './mcp-http-endpoint.js';
import type { McpServeConfig } from './serve-config.js';

/**
 * The server half of the MCP service: in `start` (every package set up, so every action registered), mounts the
 * HTTP endpoint when `services.mcp.serve.http` is set, and unmounts it when the agent stops.
 */
export async function serveTools(context: ExecutionContext, config: McpServeConfig): Promise<void> {
  if (!config.http) return;
  const route = await mountMcpEndpoint(context, config.http);
  context.onDispose(() => route.unmount());
  context.logger.info({ url: `${route.url}${config.http.path}` }, 'serving the agent\'s tool actions over MCP');
}
