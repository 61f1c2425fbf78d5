import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret: 32 bytes, base64url. */
export function secretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 digest of a secret, hex; only digests are kept in memory, so a heap dump leaks no usable token. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
