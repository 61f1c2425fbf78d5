/** One character of a word after quote removal, with whether quoting made it literal. */
export interface WordChar {
  /** The character. */
  char: string;
  /** `true` when a quote or backslash made it literal (so it is never a glob or brace character). */
  quoted: boolean;
}

/**
 * Where a run of literal source text sits, which decides how bash reads it:
 * - `word`: an unquoted word of a command;
 * - `double`: inside `"..."`;
 * - `heredoc`: the body of a here-document whose delimiter is not quoted;
 * - `operand`: the word after an operator inside `${...}`, e.g. `${x:-default}`;
 * - `pattern`: a `case` or `[[ == ]]` pattern;
 * - `regex`: the right side of `[[ =~ ]]`.
 */
export type LiteralMode = 'word' | 'double' | 'heredoc' | 'operand' | 'pattern' | 'regex';

/** The result of {@link decodeLiteral}. */
export type LiteralDecoding = { ok: true; chars: WordChar[] } | { ok: false; problem: string };

const FORBIDDEN: Record<LiteralMode, string> = {
  word: ' \t\n$`\'";&|<>()',
  double: '$`"',
  heredoc: '$`',
  operand: '$`\'"()<>',
  pattern: ' \t\n$`\'";&<>',
  regex: ' \t\n`\'";&<>',
};

const DOUBLE_ESCAPES = '$`"\\';
const HEREDOC_ESCAPES = '$`\\';

/**
 * Decodes literal source text the way bash does in `mode`: removes backslash escapes and line
 * continuations, and reports characters that would start something the syntax tree did not
 * show (an unescaped `$` or backtick is an expansion or command substitution the parser missed).
 *
 * @param text - the source text of the run
 * @param mode - where it sits
 * @returns the characters, or the problem found
 */
export function decodeLiteral(text: string, mode: LiteralMode): LiteralDecoding {
  const chars: WordChar[] = [];
  const forbidden = FORBIDDEN[mode];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\\') {
      const next = text[index + 1];
      if (next === undefined) return { ok: false, problem: 'a backslash ends the text, which bash and the parser may read differently' };
      index += 1;
      if (mode === 'double' || mode === 'heredoc') {
        if (next === '\n') {
          if (mode === 'heredoc') return { ok: false, problem: 'a backslash-newline inside a here-document joins lines, which is not analyzed' };
          continue;
        }
        if ((mode === 'double' ? DOUBLE_ESCAPES : HEREDOC_ESCAPES).includes(next)) {
          chars.push({ char: next, quoted: true });
        } else {
          // Any other backslash stays, and the character after it is read normally.
          chars.push({ char: '\\', quoted: true });
          index -= 1;
        }
        continue;
      }
      if (next !== '\n') chars.push({ char: next, quoted: true });
      continue;
    }
    if (forbidden.includes(char) && !(mode === 'regex' && char === '$' && regexAnchor(text, index))) {
      return { ok: false, problem: describeForbidden(char) };
    }
    chars.push({ char, quoted: mode === 'double' || mode === 'heredoc' });
  }
  return { ok: true, chars };
}

function regexAnchor(text: string, index: number): boolean {
  const next = text[index + 1];
  return next === undefined || next === ')' || next === '|';
}

function describeForbidden(char: string): string {
  if (char === '$') return 'a "$" the parser did not read as a plain variable';
  if (char === '`') return 'a backtick, which runs a command';
  return `the character ${JSON.stringify(char)} where the parser expected none, so bash may read the script differently`;
}
