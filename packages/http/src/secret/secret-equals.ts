import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a received secret (a header, a token, a signature) equals the expected one, in constant time. Both
 * sides are hashed first, so neither their contents nor their lengths leak through timing. A missing or empty
 * value never matches.
 */
export function secretEquals(received: string | null | undefined, expected: string): boolean {
  if (received === undefined || received === null || received === '') return false;
  return timingSafeEqual(digest(received), digest(expected));
}
