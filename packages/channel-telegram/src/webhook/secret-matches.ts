import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the `X-Telegram-Bot-Api-Secret-Token` header value equals the configured secret, in
 * constant time (both sides are hashed first, so their lengths do not leak either).
 */
export function secretMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string' || received.length === 0) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected));
}
