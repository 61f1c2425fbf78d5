import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every per-user token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const USER_TOKEN_PREFIX = 'dcu_';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 12;
const FORMAT = /^dcu_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** A new token: its public id and the full secret text the user sends (shown once, never stored). */
export interface NewUserToken {
  /** The public id, for listing and revoking. */
  id: string;
  /** `dcu_<id>_<secret>`: 32 random bytes, base64url. */
  token: string;
  /** The SHA-256 digest of `token`, hex: the only thing stored. */
  hash: string;
}

/** The SHA-256 digest of a token, hex. */
export const hashUserToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Creates a token from a CSPRNG: a 12-character id and 256 random bits. */
export function newUserToken(): NewUserToken {
  const bytes = randomBytes(ID_LENGTH);
  const id = [...bytes].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
  const token = `${USER_TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashUserToken(token) };
}

/** The id of a well-formed token, or `undefined` when the text is not one. */
export function userTokenId(token: string): string | undefined {
  return FORMAT.exec(token)?.[1];
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function userTokenMatches(token: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(token).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
