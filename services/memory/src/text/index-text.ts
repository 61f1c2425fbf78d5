/** Runs of Han, Hiragana and Katakana (with the prolonged sound mark ー): scripts written without spaces between words. */
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+/gu;
/** Words of a spaced script (Latin, Cyrillic, Greek...). */
const SPACED_WORD = /[\p{L}\p{M}]+/gu;
/** A word gets a truncation key when it is at least this long. */
const KEYED_WORD_LENGTH = 7;
/** How many leading letters make a word's truncation key. */
const KEY_LENGTH = 5;

/** The characters of a run, then its overlapping two-character pieces. */
function piecesOf(run: string): string[] {
  const characters = Array.from(run);
  const bigrams = characters.slice(1).map((character, index) => `${characters[index]}${character}`);
  return [...characters, ...bigrams];
}

/** The first five letters of each spaced-script word of seven or more: `allergies` and `allergic` both give `aller`. */
function truncationKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const word of text.replace(UNSPACED_RUN, ' ').toLowerCase().match(SPACED_WORD) ?? []) {
    const letters = Array.from(word);
    if (letters.length >= KEYED_WORD_LENGTH) keys.add(letters.slice(0, KEY_LENGTH).join(''));
  }
  return [...keys];
}

/**
 * The text given to the full-text index (and, through `toQueryText`, the query), so both sides match the same way.
 *
 * - The store's tokenizer splits on spaces and punctuation, so a Chinese or Japanese sentence
 *   would be one giant token only an identical sentence matches. Each such run becomes its
 *   characters plus its overlapping bigrams (`喝咖啡` → `喝 咖 啡 喝咖 咖啡`), the usual
 *   dictionary-free way to index CJK text.
 * - The Porter stemmer misses many paraphrases (`allergies` → `allergi`, `allergic` → `allerg`),
 *   so each word of seven or more letters adds its first five letters as an extra term
 *   (truncation stemming): both forms share `aller`. A word that matches exactly still scores
 *   higher, because it matches twice.
 */
export function toIndexText(text: string): string {
  const keys = truncationKeys(text);
  const spaced = text.replace(UNSPACED_RUN, (run) => ` ${piecesOf(run).join(' ')} `);
  return keys.length === 0 ? spaced : `${spaced}\n${keys.join(' ')}`;
}
