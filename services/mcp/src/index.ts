/**
 * `@downcity/mcp`: Model Context Protocol for Downcity agents. The tools of configured MCP
 * servers (stdio or streamable HTTP) become agent actions, and the agent's own tool actions are
 * served to other MCP clients.
 *
 * @packageDocumentation
 */
export { mcpService } from './mcp-service.js';
export { McpConfigSchema, type McpConfig, type McpConfigInput } from './config.js';
// MCP client
export type { McpBeforeCall } from './client/mcp-call-points.js';
export { McpServerConfigSchema, McpServersConfigSchema, DEFAULT_MCP_PERMISSION, type McpServerConfig } from './client/servers-config.js';
export type { McpToolOutput } from './client/tool-result.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { mcpService as default } from './mcp-service.js';
