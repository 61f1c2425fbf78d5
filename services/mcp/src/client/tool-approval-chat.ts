import { ApprovalChat, type ExecutionContext } from '@downcity/core';

/**
 * The mcp service's contact with the chat service, by action name (chat is optional): adding `/approve` and
 * `/deny` (`chat/register-command`; the shell registers the same names, and chat asks each in turn) and
 * sending an approval request into a session (`chat/send`).
 */
export class ToolApprovalChat extends ApprovalChat {
  /** @param context - the mcp service's execution context */
  constructor(context: ExecutionContext) {
    super({
      context,
      subject: 'calls to MCP servers with "approval": true',
      commands: {
        approve: { action: 'mcp/approve', description: 'Runs what the assistant asked to run: /approve <id>' },
        deny: { action: 'mcp/deny', description: 'Refuses what the assistant asked to run: /deny <id>' },
      },
    });
  }
}
