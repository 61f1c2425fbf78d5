import { DowncityError, ErrorCodes, type ExecutionContext, type InvokeOptions } from '@downcity/core';

/** `context.invoke` without the compile-time action names: the chat service is optional, so its types are not imported. */
type LooseInvoke = (name: string, input: unknown, options?: InvokeOptions) => Promise<unknown>;

/** The chat commands the shell service adds, each answered by one of its actions. */
const COMMANDS = [
  { name: 'approve', description: 'Runs a command the assistant asked to run: /approve <id>', action: 'shell/approve' },
  { name: 'deny', description: 'Refuses a command the assistant asked to run: /deny <id>', action: 'shell/deny' },
] as const;

/**
 * The shell service's only contact with the chat service: sending an approval request into a
 * chat session (`chat/send`) and adding `/approve` and `/deny` (`chat/register-command`). Both
 * are called by action name, so the shell service works (without approvals) when chat is absent.
 */
export class ChatBridge {
  readonly #invoke: LooseInvoke;
  readonly #context: ExecutionContext;

  /** @param context - the shell service's execution context */
  constructor(context: ExecutionContext) {
    this.#context = context;
    this.#invoke = context.invoke as unknown as LooseInvoke;
  }

  /**
   * Adds the `/approve` and `/deny` chat commands. Logs, never throws: without chat, commands
   * that need approval are denied with a reason instead.
   *
   * @returns whether both commands were added
   */
  async registerCommands(): Promise<boolean> {
    for (const command of COMMANDS) {
      try {
        await this.#invoke('chat/register-command', command);
      } catch (error) {
        if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) {
          this.#context.logger.info('The chat service is not installed: commands that need approval will be denied, since nobody can be asked.');
        } else {
          this.#context.logger.warn({ err: error, command: command.name }, `Could not add the chat command /${command.name}; approvals cannot be answered by command.`);
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Sends text into a chat session (the user sees it on their channel).
   *
   * @param sessionId - the chat session
   * @param text - the message
   * @throws DowncityError with a user-facing message when chat is absent or the session has no channel
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
