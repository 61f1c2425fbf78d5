import { DowncityError, ErrorCodes } from '@downcity/core';
import type { ChatCommand } from '@downcity/chat';
import { isChatCommand } from './definition-guards.js';

const EXAMPLES: Record<string, string> = { service: 'defineService({ ... })', plugin: 'definePlugin({ ... })', channel: 'defineChannel({ ... })' };

/**
 * The definition a module provides: its default export (decision 0004), or else its only named
 * export that is a definition. Several named candidates without a default is an error naming them.
 */
export function pickDefinition<T>(options: { module: Record<string, unknown>; specifier: string; what: string; is: (value: unknown) => value is T }): T {
  const { module, specifier, what, is } = options;
  if (is(module.default)) return module.default;
  const candidates = new Map<T, string>();
  for (const [name, value] of Object.entries(module)) {
    if (name !== 'default' && is(value) && !candidates.has(value)) candidates.set(value, name);
  }
  const [first, ...others] = [...candidates.entries()];
  if (first && others.length === 0) return first[0];
  const found = [...candidates.values()];
  throw new DowncityError(
    ErrorCodes.MANIFEST_INVALID,
    found.length === 0
      ? `"${specifier}" exports no ${what} definition. Its default export must be the definition: export default ${EXAMPLES[what] ?? 'defineService({ ... }) or definePlugin({ ... })'}.`
      : `"${specifier}" exports several ${what} definitions (${found.join(', ')}) and no default export; default-export the one to load.`,
    { details: { package: specifier, exports: found } },
  );
}

/** The chat commands a module offers: its `chatCommands` export, else every `*Commands` export that is a list of commands. */
export function pickChatCommands(module: Record<string, unknown>): ChatCommand[] {
  const asCommands = (value: unknown): ChatCommand[] => (Array.isArray(value) && value.length > 0 && value.every(isChatCommand) ? value : []);
  const declared = asCommands(module.chatCommands);
  if (declared.length > 0) return declared;
  const commands = new Set<ChatCommand>();
  for (const [name, value] of Object.entries(module)) {
    if (name.endsWith('Commands')) for (const command of asCommands(value)) commands.add(command);
  }
  return [...commands];
}
