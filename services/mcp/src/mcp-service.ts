import { defineService, type ExecutionContext, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
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
      // Server: the HTTP endpoint, mounted once every package has registered its actions.
      start: () => serveTools(context as ExecutionContext<McpConfig>, context.config.serve),
    };
  },
});
