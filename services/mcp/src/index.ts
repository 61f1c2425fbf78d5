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
export { McpApprovalsConfigSchema, type McpApprovalsConfig } from './client/approvals-config.js';
export { ToolApprovalAnswerInputSchema, ToolApprovalAnswerSchema, type ToolApprovalAnswer, type ToolApprovalAnswerInput } from './client/tool-approval-actions.js';
export type { PendingToolOutput } from './client/tool-approvals.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { mcpService as default } from './mcp-service.js';

// The server half: the agent's tool actions served to MCP clients (HTTP endpoint, `downcity mcp`).
export { createToolServer, type ToolServerOptions } from './server/create-tool-server.js';
export type { ToolSource } from './server/tool-source.js';
export { toolError, toolResult } from './server/tool-result.js';
export { McpServeConfigSchema, McpHttpServeConfigSchema, type McpServeConfig, type McpHttpServeConfig } from './server/serve-config.js';
export { serveToolsOverStdio, type StdioServeOptions } from './server/serve-stdio.js';
