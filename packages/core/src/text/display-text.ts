/**
 * Characters that change how surrounding text is laid out or read without being visible:
 * C0 and C1 controls (newline, carriage return, escape...), DEL, the Unicode bidirectional
 * embeddings, overrides and isolates, implicit direction marks, zero-width characters, the line
 * and paragraph separators, and the byte order mark.
 */
const HIDDEN_CHARACTERS =
  // oxlint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\ufff9-\ufffb]/gu;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Options for {@link displayText}. */
export interface DisplayTextOptions {
  /** Cut the result to at most this many characters, ending with `…`. Default: no limit. */
  maxLength?: number;
}

/**
 * Makes text that came from outside (a platform display name, a message, a model-written command)
 * safe to show to an operator on one line: every control, bidirectional, zero-width and separator
 * character is replaced by a visible escape (`\n`, `\u{202e}`), so a newline in a display name
 * cannot forge a line of a list and a right-to-left override cannot reorder what the operator
 * reads. Printable text, including non-Latin scripts and emoji, is kept as it is.
 *
 * Use it wherever such text is printed for a person: chat replies listing users, CLI tables,
 * approval prompts, logs meant to be read.
 *
 * @param text - the untrusted text
 * @param options - an optional length limit
 * @returns the text with hidden characters escaped
 *
 * @example
 * ```ts
 * displayText('Mallory\nQ7QD9MZP  telegram:1 (owner)'); // 'Mallory\\nQ7QD9MZP  telegram:1 (owner)'
 * displayText('invoice\u202Egpj.exe'); // 'invoice\\u{202e}gpj.exe'
 * ```
 */
export function displayText(text: string, options: DisplayTextOptions = {}): string {
  const escaped = text.replace(
    HIDDEN_CHARACTERS,
    (character) => NAMED_ESCAPES[character] ?? `\\u{${character.codePointAt(0)!.toString(16)}}`,
  );
  const { maxLength } = options;
  if (maxLength === undefined || escaped.length <= maxLength) return escaped;
  return `${[...escaped].slice(0, Math.max(0, maxLength - 1)).join('')}…`;
}
