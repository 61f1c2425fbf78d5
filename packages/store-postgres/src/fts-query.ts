/**
 * Turns free user text into a safe `to_tsquery` input.
 *
 * User text is never tsquery syntax: words are pulled out as runs of letters, marks and digits, each is
 * single-quoted so `&`, `|`, `!`, `<->`, `:*` or parentheses are plain text, and they are joined with `|`
 * (OR) so a paraphrased question still matches; `ts_rank` ranks documents that share more words first.
 * The `english` configuration stems the words and drops stop words, as the libSQL store's porter tokenizer
 * and stop list do.
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_TERMS = 32;

/** The `to_tsquery('english', ...)` input for `text`, or `undefined` when it holds no searchable word. */
export function toTsQuery(text: string): string | undefined {
  const words = [...new Set(text.toLowerCase().match(WORD) ?? [])].slice(0, MAX_TERMS);
  if (words.length === 0) return undefined;
  return words.map((word) => `'${word}'`).join(' | ');
}
