import { storeError, storeErrorCodes } from './store-error.js';

/** What the store needs to know about its connection string. */
export interface ConnectionTarget {
  /** The URL as given, handed to `pg`. */
  url: string;
  /** The URL without the password, for messages. */
  display: string;
  /** The decoded password, or `undefined`; kept out of every message. */
  password: string | undefined;
}

/**
 * Checks a `postgres://` or `postgresql://` URL and returns it with a password-free form for
 * messages. Throws a clear error (without the password) when it is not such a URL.
 */
export function parseConnectionUrl(url: string): ConnectionTarget {
  const example = 'postgres://user:password@host:5432/database';
  if (typeof url !== 'string' || url.trim() === '') {
    throw storeError(storeErrorCodes.badUrl, `The PostgreSQL connection string is empty; set DOWNCITY_DATABASE_URL to ${example}.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw storeError(
      storeErrorCodes.badUrl,
      `The PostgreSQL connection string is not a URL; write it as ${example} (percent-encode special characters in the password).`,
    );
  }
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  parsed.password = '';
  parsed.search = '';
  const display = parsed.toString();
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw storeError(
      storeErrorCodes.badUrl,
      `The PostgreSQL connection string ${display} starts with "${parsed.protocol}"; use postgres:// or postgresql://, as in ${example}.`,
    );
  }
  return { url, display, password };
}
