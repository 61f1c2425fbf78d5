/**
 * Turns free user text into a safe FTS5 `MATCH` expression.
 *
 * User text is never FTS5 syntax: words are pulled out as runs of letters, marks and digits
 * (the same characters the `unicode61` tokenizer keeps), each is double-quoted so `NEAR`,
 * `AND`, `*`, `-`, `:` or parentheses are plain text, and they are joined with `OR` so a
 * paraphrased question still matches; BM25 ranks documents that share more, rarer words first.
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_TERMS = 32;

/** Common English words that carry no meaning for ranking; dropped unless nothing else remains. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in is it its me my of on ' +
    'or our so than that the their them then there these they this to was we were what when where which who why will ' +
    'with would you your'
  ).split(' '),
);

/** The `MATCH` expression for `text`, or `undefined` when it holds no searchable word. */
export function toFtsQuery(text: string): string | undefined {
  const words = [...new Set(text.toLowerCase().match(WORD) ?? [])];
  if (words.length === 0) return undefined;
  const meaningful = words.filter((word) => !STOP_WORDS.has(word));
  const terms = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_TERMS);
  return terms.map((term) => `"${term}"`).join(' OR ');
}
