const ideographs = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * The deterministic embedding the fake server returns: a hashed bag of words.
 * Each lower-cased word (each character for Chinese, Japanese and Korean) adds ±1 to one of
 * `dimensions` buckets chosen by its FNV-1a hash; the vector is then L2-normalized. Texts that
 * share words therefore have a higher cosine similarity than texts that do not.
 *
 * @param text - The text to embed.
 * @param dimensions - Vector length.
 * @returns A unit-length vector (text without words embeds like the empty word).
 *
 * @example
 * ```ts
 * cosineSimilarity(hashEmbedding('red apple', 64), hashEmbedding('apple pie', 64)) // > 0
 * ```
 */
export function hashEmbedding(text: string, dimensions: number): number[] {
  const vector = Array.from({ length: dimensions }, () => 0);
  const words = text.replace(ideographs, ' $& ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [''];
  for (const word of words) {
    const hash = fnv1a(word);
    const bucket = hash % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + ((hash >>> 31) === 1 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

function fnv1a(word: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < word.length; index += 1) {
    hash ^= word.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
