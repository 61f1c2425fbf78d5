import { defineService, type ExecutionContext, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { startMcpClient } from './client/start-mcp-client.js';
import { toolApprovalAnswerAction } from './client/tool-approval-actions.js';
import { ToolApprovalChat } from './client/tool-approval-chat.js';
import { ToolApprovalStore } from './client/tool-approval-store.js';
import { ToolApprovals } from './client/tool-approvals.js';
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
    const approvals = new ToolApprovals({
      context,
      config: context.config.approvals,
      store: new ToolApprovalStore(context.storage.collection('approvals')),
      chat: new ToolApprovalChat(context),
    });
    return {
      actions: { approve: toolApprovalAnswerAction(approvals, true), deny: toolApprovalAnswerAction(approvals, false) },
      async start() {
        // MCP client: connect to services.mcp.servers in the background (see src/client).
        startMcpClient({ context, servers: context.config.servers, clientInfo: { name: pkg.name, version: pkg.version }, approvals });
        // Calls to servers with `approval: true` wait for /approve <id> (see src/client/tool-approvals.ts).
        await approvals.start();
        // Server: the HTTP endpoint, mounted once every package has registered its actions (see src/server).
        await serveTools(context as ExecutionContext<McpConfig>, context.config.serve);
      },
    };
  },
});
