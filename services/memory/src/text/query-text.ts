import { toIndexText } from './index-text.js';

/** Runs of letters, marks and digits: the words the store's tokenizer sees. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Words that say nothing about which memory is meant, on top of the store's English stop words:
 * pronouns (memories are written about the user, questions say "he" or "she"), the `s` and `t`
 * left by `Mia's` or `don't`, and question filler.
 */
const QUERY_STOP_WORDS = new Set(
  (
    's t d ll re ve m he him his himself she her hers herself i me my mine myself you your yours we us our they them their ' +
    'any some anything something please remember recall know tell about does did should usually'
  ).split(' '),
);

/**
 * The full-text query for a recall: the question's meaningful words, indexed like memories are
 * (CJK bigrams, truncation keys). Falls back to every word when only filler words remain, so
 * "what about her?" still searches.
 */
export function toQueryText(text: string): string {
  const words = text.match(WORD) ?? [];
  const meaningful = words.filter((word) => !QUERY_STOP_WORDS.has(word.toLowerCase()));
  return toIndexText((meaningful.length > 0 ? meaningful : words).join(' '));
}
