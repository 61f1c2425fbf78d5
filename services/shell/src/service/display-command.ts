/** Longest command shown to a user for approval; longer ones are denied rather than shown cut. */
export const MAX_SHOWN_COMMAND_LENGTH = 2_000;

/** Whether a code point is a control character, an invisible character or a bidirectional override, which could make a command look like another one. */
function isDeceptive(code: number): boolean {
  if (code === 0x09 || code === 0x0a) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || code === 0x2060 || code === 0xfeff || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const escapeDeceptive = (text: string): string =>
  [...text].map((char) => (isDeceptive(char.codePointAt(0) ?? 0) ? `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}` : char)).join('');

/**
 * Shows a command the way a user reads it: a shell line as written, an argv with every argument
 * that needs it quoted. Never shortened, so what a user approves is exactly what runs; control,
 * invisible and bidirectional-override characters are shown escaped (`\u{1b}`) so nothing is hidden.
 *
 * @param command - a shell line, or an argv
 */
export function displayCommand(command: { command?: string; argv: readonly string[] }): string {
  if (command.command !== undefined) return escapeDeceptive(command.command);
  return command.argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${escapeDeceptive(arg.replaceAll('\n', '\\n')).replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
