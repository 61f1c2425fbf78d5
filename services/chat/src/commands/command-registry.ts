import { DowncityError, ErrorCodes } from '@downcity/core';
import type { ChatCommand } from './chat-command.js';

/** A valid command name: what Telegram's command menu accepts, plus `-`. */
export const COMMAND_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The commands the chat service answers, by name. Registration returns its unregister function. */
export class CommandRegistry {
  readonly #commands = new Map<string, { command: ChatCommand; owner: string }>();

  /** Adds a command; a second command with the same name is an error naming both owners. */
  add(command: ChatCommand, owner: string): () => void {
    const name = command.name.toLowerCase();
    if (!COMMAND_NAME.test(name)) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `Invalid chat command name "${command.name}": use 1-32 lowercase letters, digits, "_" or "-" (e.g. "tasks").`);
    }
    const existing = this.#commands.get(name);
    if (existing) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `The chat command /${name} from "${owner}" clashes with /${name} from "${existing.owner}". Rename one of them.`);
    }
    const entry = { command, owner };
    this.#commands.set(name, entry);
    return () => {
      if (this.#commands.get(name) === entry) this.#commands.delete(name);
    };
  }

  /** The command with this name, if any. */
  get(name: string): ChatCommand | undefined {
    return this.#commands.get(name.toLowerCase())?.command;
  }

  /** Every command's name and description, sorted by name. */
  list(): { name: string; description: string }[] {
    return [...this.#commands.values()]
      .map(({ command }) => ({ name: command.name.toLowerCase(), description: command.description }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
