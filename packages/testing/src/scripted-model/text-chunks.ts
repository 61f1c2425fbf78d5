/**
 * Splits text into word-sized stream deltas, the way a model streams tokens.
 * Joining the pieces gives back the original text exactly.
 *
 * @param text - The full text.
 * @returns Pieces such as `['Hello', ' there', ' world']`; empty text gives `[]`.
 */
export function splitIntoTextChunks(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/**
 * Splits a string into pieces of at most `size` characters (used for tool-call argument deltas).
 *
 * @param value - The string to split.
 * @param size - Maximum piece length.
 * @returns The pieces; empty input gives `[]`.
 */
export function splitIntoPieces(value: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < value.length; start += size) pieces.push(value.slice(start, start + size));
  return pieces;
}

/**
 * A rough, deterministic token count (about four characters per token) for usage numbers.
 *
 * @param text - The text to count.
 * @returns The estimated token count.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
