import type { ArgWord } from './invocation.js';

/** The result of {@link splitEnvString}. */
export type EnvStringSplit = { ok: true; words: ArgWord[] } | { ok: false; reason: string };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  _: ' ',
  n: '\n',
  t: '\t',
  r: '\r',
  f: '\f',
  v: '\v',
  '#': '#',
  $: '$',
};

/**
 * Splits the string given to `env -S` / `env --split-string` into words the way GNU env
 * does: whitespace separates words, single and double quotes group, `\_` is a space,
 * `${NAME}` is expanded at run time and `#` at a word start begins a comment.
 *
 * @param value - the `-S` argument
 * @returns the words, or why they cannot be known before run time
 */
export function splitEnvString(value: string): EnvStringSplit {
  const words: ArgWord[] = [];
  let current: ArgWord | undefined;
  let quote: '"' | "'" | undefined;
  const append = (text: string, dynamic = false): void => {
    current ??= { text: '', dynamic: false };
    current.text += text;
    current.dynamic ||= dynamic;
  };
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else append(char);
      continue;
    }
    if (!quote && /\s/.test(char)) {
      if (current) words.push(current);
      current = undefined;
      continue;
    }
    if (!quote && char === '#' && current === undefined) break;
    if (char === "'" || char === '"') {
      if (quote === char) quote = undefined;
      else if (!quote) quote = char;
      else append(char);
      current ??= { text: '', dynamic: false };
      continue;
    }
    if (char === '\\') {
      const next = value[index + 1];
      if (next === 'c' && !quote) break;
      const escaped = next === undefined ? undefined : SIMPLE_ESCAPES[next];
      if (escaped === undefined) {
        return { ok: false, reason: `env -S uses the escape "\\${next ?? ''}", which is not understood` };
      }
      append(escaped);
      index += 1;
      continue;
    }
    if (char === '$') {
      const match = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(value.slice(index));
      if (!match) return { ok: false, reason: 'env -S uses "$" outside a ${NAME} reference' };
      append(match[0], true);
      index += match[0].length - 1;
      continue;
    }
    append(char);
  }
  if (quote) return { ok: false, reason: 'env -S has an unterminated quote' };
  if (current) words.push(current);
  return { ok: true, words };
}
