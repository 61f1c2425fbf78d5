import { displayText } from '@downcity/core';

/** Longest command shown to a user for approval; longer ones are denied rather than shown cut. */
export const MAX_SHOWN_COMMAND_LENGTH = 2_000;

/**
 * Shows a command the way a user reads it: a shell line as written, an argv with every argument
 * that needs it quoted. Never shortened, so what a user approves is exactly what runs; control,
 * invisible, separator and bidirectional characters (newlines included) are shown escaped with
 * `displayText` (`\n`, `\u{202e}`), so a command cannot hide a part of itself or look like another.
 *
 * @param command - a shell line, or an argv
 */
export function displayCommand(command: { command?: string; argv: readonly string[] }): string {
  if (command.command !== undefined) return displayText(command.command);
  return command.argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${displayText(arg).replaceAll("'", `'\\''`)}'`)).join(' ');
}
