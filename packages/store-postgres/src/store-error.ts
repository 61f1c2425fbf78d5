/**
 * The one place this package creates errors: every failure is an `Error` with a stable `code`,
 * a message that says what to fix, and the original `cause`. Messages never contain the password.
 */
import { commonStoreErrorCodes, isStoreError, storeError as createStoreError, type StoreError as CoreStoreError } from '@downcity/core';

/** Stable codes carried by every error this package throws, as `error.code`: core's common ones and this package's. */
export const storeErrorCodes = {
  ...commonStoreErrorCodes,
  /** The connection string is not a `postgres://` URL, or the options are contradictory. */
  badUrl: 'STORE_BAD_URL',
  /** The server is not reachable (refused, unknown host, timeout). */
  unreachable: 'STORE_UNREACHABLE',
  /** The server rejected the user name or password. */
  authFailed: 'STORE_AUTH_FAILED',
  /** The database named in the URL does not exist. */
  databaseMissing: 'STORE_DATABASE_MISSING',
  /** The role lacks a privilege the store needs (create the schema, write a table...). */
  permissionDenied: 'STORE_PERMISSION_DENIED',
} as const;

/** One of the {@link storeErrorCodes}. */
export type StoreErrorCode = (typeof storeErrorCodes)[keyof typeof storeErrorCodes];

/** An `Error` thrown by this package. */
export type StoreError = CoreStoreError<StoreErrorCode>;

/** Creates an error with one of this package's codes; `message` should say what failed and what to do next. */
export const storeError: (code: StoreErrorCode, message: string, cause?: unknown) => StoreError = createStoreError;

export { isStoreError };

/** What the caller was doing when PostgreSQL failed, used to word the message. */
export interface FailureContext {
  /** A short phrase such as `append 2 messages to session "chat:1"`. */
  action: string;
  /** The server and database without the password, e.g. `postgres://app@db:5432/downcity`. */
  target: string;
  /** The password, removed from any message that might echo it. */
  password?: string | undefined;
}

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function hide(text: string, password: string | undefined): string {
  if (password === undefined || password.length === 0) return text;
  return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
}

/** Turns anything thrown by `pg` into a {@link StoreError}; errors already made here pass through. */
export function toStoreError(error: unknown, context: FailureContext): StoreError {
  // Store errors come from this package or from core's shared input checks (STORE_INVALID_INPUT, one of ours too).
  if (isStoreError(error)) return error as StoreError;
  const code = codeOf(error);
  const detail = hide(error instanceof Error ? error.message : String(error), context.password);
  const [storeCode, advice] = adviceFor(code, context.target);
  return storeError(storeCode, `Could not ${context.action} on ${context.target}: ${detail}. ${advice}`, error);
}

function adviceFor(code: string, target: string): [StoreErrorCode, string] {
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case '57P03':
      return [
        storeErrorCodes.unreachable,
        `Check that PostgreSQL runs and accepts connections at the host and port of ${target} (firewall, listen_addresses), or fix the URL.`,
      ];
    case '28P01':
    case '28000':
      return [
        storeErrorCodes.authFailed,
        'Check the user name and password in the URL (DOWNCITY_DATABASE_URL), and that pg_hba.conf lets this user connect from this host.',
      ];
    case '3D000':
      return [
        storeErrorCodes.databaseMissing,
        'Create the database first (e.g. `createdb <name>` or `CREATE DATABASE <name>`), or point the URL at an existing one.',
      ];
    case '42501':
      return [
        storeErrorCodes.permissionDenied,
        'Grant the role CREATE on the database (for the schema) and use of the schema, or choose a schema the role owns.',
      ];
    default:
      return [storeErrorCodes.failed, 'PostgreSQL rejected the operation; see the cause for the server error.'];
  }
}
