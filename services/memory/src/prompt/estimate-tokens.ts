/** Characters that tokenizers spend about one token each on: Han, kana and Hangul. */
const WIDE_CHARACTER = /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]/gu;

/**
 * A cheap, tokenizer-free token estimate: one token per CJK character, plus one per four other
 * characters (rounded up). Close enough to keep a prompt section within its budget.
 */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE_CHARACTER)?.length ?? 0;
  const other = Array.from(text).length - wide;
  return wide + Math.ceil(other / 4);
}
