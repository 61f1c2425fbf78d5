import { defineService, type ExecutionContext, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { startMcpClient } from './client/start-mcp-client.js';
import { McpConfigSchema, type McpConfig } from './config.js';
import { serveTools } from './server/serve-tools.js';

/**
 * The MCP service (`services.mcp`): the tools of configured MCP servers become agent actions
 * (`mcp/<server>/<tool>`), and the agent's own tool actions are served to other MCP clients.
 */
export const mcpService: ServiceDefinition<typeof McpConfigSchema> = defineService({
  package: pkg,
  config: McpConfigSchema,
  setup(context) {
    return {
      async start() {
        // MCP client: connect to services.mcp.servers in the background (see src/client).
        startMcpClient({ context, servers: context.config.servers, clientInfo: { name: pkg.name, version: pkg.version } });
        // Server: the HTTP endpoint, mounted once every package has registered its actions (see src/server).
        await serveTools(context as ExecutionContext<McpConfig>, context.config.serve);
      },
    };
  },
});
