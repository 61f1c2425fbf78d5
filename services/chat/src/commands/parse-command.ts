/** A command invocation found in a message. */
export interface ParsedCommand {
  /** The lowercase name without the slash. */
  name: string;
  /** The rest of the text, trimmed. */
  args: string;
}

const COMMAND = /^\/([A-Za-z0-9][A-Za-z0-9_-]{0,31})(?:@[A-Za-z0-9_]+)?(?=\s|$)\s*([\s\S]*)$/;

/** Parses `/name[@bot] args`; `undefined` when the text does not start with a command. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const match = COMMAND.exec(text.trimStart());
  if (!match) return undefined;
  return { name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}
