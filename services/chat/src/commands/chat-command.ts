import type { Invoke, Principal, SessionApi } from '@downcity/core';
import type { ChatMessage } from '../message/chat-message.js';

/** What a chat command receives. */
export interface ChatCommandContext {
  /** The text after the command name, trimmed (`/remind 5m tea` → `5m tea`). */
  args: string;
  /** The message that carried the command, after the `chat/inbound` pipeline. */
  message: ChatMessage;
  /** The session the message belongs to (it exists; opened before the command runs). */
  sessionId: string;
  /** On whose behalf: the platform-authenticated sender. */
  principal: Principal;
  /** Session capabilities (`reset`, `history`, ...). Runs inside the session's exclusive lock. */
  session: SessionApi;
  /** Calls a service action on the sender's behalf. */
  invoke: Invoke;
  /** Every registered command, sorted by name (for `/help`). */
  commands: readonly { name: string; description: string }[];
  /** Aborted when the agent stops. */
  signal: AbortSignal;
}

/** A chat command such as `/reset`. Commands run after the authorize guard and the inbound pipeline, never reach the model, and work without a model. */
export interface ChatCommand {
  /** The name without the slash: lowercase letters, digits, `_` and `-` (Telegram allows `a-z0-9_`). */
  name: string;
  /** One line for `/help`. */
  description: string;
  /** Runs the command; the returned text is the reply (nothing is sent for `undefined`). */
  run(context: ChatCommandContext): string | undefined | Promise<string | undefined>;
}

/**
 * Declares a chat command. An identity helper for type inference.
 *
 * @example
 * ```ts
 * const ping = defineChatCommand({ name: 'ping', description: 'Checks that the bot is alive', run: () => 'pong' });
 * createChatService({ channels: [terminalChannel], commands: [ping] });
 * ```
 */
export function defineChatCommand(command: ChatCommand): ChatCommand {
  return command;
}
