import type { InvokeOptions } from '../action/action.js';
import type { ExecutionContext } from '../context/execution-context.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';

/** `context.invoke` without the compile-time action names: the chat service is optional, so its types are not imported. */
type LooseInvoke = (name: string, input: unknown, options?: InvokeOptions) => Promise<unknown>;

/** Options for {@link ApprovalChat}. */
export interface ApprovalChatOptions {
  /** The asking service's execution context. */
  context: ExecutionContext;
  /** The service's actions behind `/approve <id>` and `/deny <id>`, each with its `/help` line. */
  commands: { approve: { action: string; description: string }; deny: { action: string; description: string } };
  /** What goes unanswerable without chat, for the log, e.g. `commands that need approval`. */
  subject: string;
}

/**
 * A service's contact with the chat service for approvals, by action name so chat stays optional:
 * adding `/approve` and `/deny` (`chat/register-command`; several services may add the same names,
 * and chat asks each in turn) and sending an approval request into a session (`chat/send`). The
 * shell and the MCP service ask through it.
 *
 * @example
 * ```ts
 * const chat = new ApprovalChat({ context, subject: 'deployments that need approval', commands: {
 *   approve: { action: 'deploy/approve', description: 'Runs a deployment: /approve <id>' },
 *   deny: { action: 'deploy/deny', description: 'Refuses a deployment: /deny <id>' },
 * } });
 * await chat.registerCommands(); // in start()
 * ```
 */
export class ApprovalChat {
  readonly #options: ApprovalChatOptions;
  readonly #invoke: LooseInvoke;

  /** @param options - the context, the answering actions and what they are about */
  constructor(options: ApprovalChatOptions) {
    this.#options = options;
    this.#invoke = options.context.invoke as unknown as LooseInvoke;
  }

  /**
   * Adds the `/approve` and `/deny` chat commands. Logs, never throws: without chat, what needs approval is
   * denied with a reason instead.
   *
   * @returns whether both commands were added
   */
  async registerCommands(): Promise<boolean> {
    const { context, commands, subject } = this.#options;
    for (const [name, command] of [
      ['approve', commands.approve],
      ['deny', commands.deny],
    ] as const) {
      try {
        await this.#invoke('chat/register-command', { name, description: command.description, action: command.action });
      } catch (error) {
        if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) {
          context.logger.info(`The chat service is not installed: ${subject} will be denied, since nobody can be asked.`);
        } else {
          context.logger.warn({ err: error, command: name }, `Could not add the chat command /${name}; ${subject} cannot be answered by command.`);
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
   * @throws DowncityError with a message for the model when chat is absent or the session has no channel
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
