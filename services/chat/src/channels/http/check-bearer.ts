import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from './http-problem.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Checks `Authorization: Bearer <token>` in constant time (both sides hashed first, so neither the
 * content nor the length of the token leaks through timing). Throws a 401 problem saying what is wrong.
 */
export function checkBearer(header: string | undefined, expectedDigest: Buffer): void {
  if (header === undefined || header === '') {
    throw new HttpProblem('UNAUTHORIZED', 'Missing bearer token: send "Authorization: Bearer <token>" with the token from services.chat.channels.http.token.');
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) throw new HttpProblem('UNAUTHORIZED', 'Malformed Authorization header: expected "Bearer <token>".');
  if (!timingSafeEqual(digest(match[1] ?? ''), expectedDigest)) throw new HttpProblem('UNAUTHORIZED', 'Wrong bearer token.');
}

/** The digest {@link checkBearer} compares against. */
export const tokenDigest = digest;
