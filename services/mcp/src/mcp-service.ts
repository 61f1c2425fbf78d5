import { defineService, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { McpConfigSchema } from './config.js';

/**
 * The MCP service (`services.mcp`): the tools of configured MCP servers become agent actions
 * (`mcp/<server>/<tool>`), and the agent's own tool actions are served to other MCP clients.
 */
export const mcpService: ServiceDefinition<typeof McpConfigSchema> = defineService({
  package: pkg,
  config: McpConfigSchema,
  setup() {
    return {};
  },
});
