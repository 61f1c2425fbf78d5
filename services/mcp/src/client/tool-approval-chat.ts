import { DowncityError, ErrorCodes, type ExecutionContext, type InvokeOptions } from '@downcity/core';

/** `context.invoke` without the compile-time action names: the chat service is optional, so its types are not imported. */
type LooseInvoke = (name: string, input: unknown, options?: InvokeOptions) => Promise<unknown>;

/** The chat commands the mcp service answers; the shell registers the same names, and chat asks each in turn. */
const COMMANDS = [
  { name: 'approve', description: 'Runs what the assistant asked to run: /approve <id>', action: 'mcp/approve' },
  { name: 'deny', description: 'Refuses what the assistant asked to run: /deny <id>', action: 'mcp/deny' },
] as const;

/**
 * The mcp service's contact with the chat service, by action name (chat is optional): adding `/approve` and
 * `/deny` (`chat/register-command`) and sending an approval request into a session (`chat/send`).
 */
export class ToolApprovalChat {
  readonly #context: ExecutionContext;
  readonly #invoke: LooseInvoke;

  /** @param context - the mcp service's execution context */
  constructor(context: ExecutionContext) {
    this.#context = context;
    this.#invoke = context.invoke as unknown as LooseInvoke;
  }

  /** Adds `/approve` and `/deny`. Logs, never throws: without chat, calls that need approval are denied. */
  async registerCommands(): Promise<void> {
    for (const command of COMMANDS) {
      try {
        await this.#invoke('chat/register-command', command);
      } catch (error) {
        if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) {
          this.#context.logger.info('The chat service is not installed: calls to MCP servers with "approval": true will be denied, since nobody can be asked.');
        } else {
          this.#context.logger.warn({ err: error, command: command.name }, `Could not add the chat command /${command.name}; MCP tool calls cannot be approved by command.`);
        }
        return;
      }
    }
  }

  /**
   * Sends text into a chat session.
   *
   * @throws DowncityError saying why, in words for the model, when chat is absent or cannot deliver it
   */
  async send(sessionId: string, text: string): Promise<void> {
    try {
      await this.#invoke('chat/send', { sessionId, text }, { sessionId });
    } catch (error) {
      if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) {
        throw new DowncityError(ErrorCodes.SERVICE_MISSING, 'the chat service is not installed, so there is nobody to ask', { cause: error });
      }
      const why = DowncityError.is(error) ? error.message : 'the chat service could not deliver the request';
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `the approval request could not be sent to the user (${why})`, { cause: error });
    }
  }
}
