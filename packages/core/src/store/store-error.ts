/**
 * Errors of store implementations (`@downcity/store-libsql`, `@downcity/store-postgres`): an `Error` with a
 * stable `code` (each store names its own, e.g. `STORE_LOCKED`), a message that says what to fix, and the original
 * `cause`. Shared here so every store words and recognizes them the same way.
 */

/** The code of an argument a store refuses (bad limit, vector dimension, non-JSON value...). */
export const STORE_INVALID_INPUT = 'STORE_INVALID_INPUT';

/** The codes every store uses; each store adds its own (`STORE_LOCKED`, `STORE_AUTH_FAILED`...). */
export const commonStoreErrorCodes = {
  /** An operation ran before `open()` or after `close()`. */
  notOpen: 'STORE_NOT_OPEN',
  /** The database was written by a newer version of the store package. */
  schemaTooNew: 'STORE_SCHEMA_TOO_NEW',
  /** A write named a session that does not exist. */
  sessionNotFound: 'STORE_SESSION_NOT_FOUND',
  /** An argument was not acceptable (bad limit, vector dimension, non-JSON value...). */
  invalidInput: STORE_INVALID_INPUT,
  /** Any other database failure. */
  failed: 'STORE_FAILED',
} as const;

/** An `Error` thrown by a store, with its stable code. */
export type StoreError<Code extends string = string> = Error & { readonly code: Code };

const created = new WeakSet<Error>();

/** Creates a store error with a stable code; `message` should say what failed and what to do next. */
export function storeError<Code extends string>(code: Code, message: string, cause?: unknown): StoreError<Code> {
  const error = Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
  created.add(error);
  return error;
}

/** Whether `error` was created by {@link storeError} (so it already explains itself and needs no wrapping). */
export function isStoreError(error: unknown): error is StoreError {
  return error instanceof Error && created.has(error);
}
