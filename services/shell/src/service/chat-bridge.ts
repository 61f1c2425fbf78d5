import { ApprovalChat, type ExecutionContext } from '@downcity/core';

/**
 * The shell service's only contact with the chat service: sending an approval request into a
 * chat session (`chat/send`) and adding `/approve` and `/deny` (`chat/register-command`). Both
 * are called by action name, so the shell service works (without approvals) when chat is absent.
 */
export class ChatBridge extends ApprovalChat {
  /** @param context - the shell service's execution context */
  constructor(context: ExecutionContext) {
    super({
      context,
      subject: 'commands that need approval',
      commands: {
        approve: { action: 'shell/approve', description: 'Runs a command the assistant asked to run: /approve <id>' },
        deny: { action: 'shell/deny', description: 'Refuses a command the assistant asked to run: /deny <id>' },
      },
    });
  }
}
