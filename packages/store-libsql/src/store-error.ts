/**
 * The one place this package creates errors: core's store errors (`storeError`, shared with the other stores),
 * with this package's codes and SQLite's failures worded as what to fix.
 */
import { commonStoreErrorCodes, isStoreError, storeError as createStoreError, type StoreError as CoreStoreError } from '@downcity/core';

/** Stable codes carried by every error this package throws, as `error.code`: core's common ones and this package's. */
export const storeErrorCodes = {
  ...commonStoreErrorCodes,
  /** The database file or its directory could not be created or opened. */
  cannotOpen: 'STORE_CANNOT_OPEN',
  /** The file or its directory is read-only. */
  notWritable: 'STORE_NOT_WRITABLE',
  /** Another connection held a lock for longer than the busy timeout. */
  locked: 'STORE_LOCKED',
  /** The file is not a database, or it is damaged. */
  corrupt: 'STORE_CORRUPT',
  /** The disk is full. */
  diskFull: 'STORE_DISK_FULL',
} as const;

/** One of the {@link storeErrorCodes}. */
export type StoreErrorCode = (typeof storeErrorCodes)[keyof typeof storeErrorCodes];

/** An `Error` thrown by this package. */
export type StoreError = CoreStoreError<StoreErrorCode>;

/** Creates an error with one of this package's codes; `message` should say what failed and what to do next. */
export const storeError: (code: StoreErrorCode, message: string, cause?: unknown) => StoreError = createStoreError;

export { isStoreError };

/** What the caller was doing when SQLite failed, used to word the message. */
export interface FailureContext {
  /** A short phrase such as `append 2 messages to session "chat:1"`. */
  action: string;
  /** The database path, for messages about the file. */
  path: string;
}

/** Turns anything thrown by SQLite into a {@link StoreError}; errors already made here pass through. */
export function toStoreError(error: unknown, context: FailureContext): StoreError {
  // Store errors come from this package or from core's shared input checks (STORE_INVALID_INPUT, one of ours too).
  if (isStoreError(error)) return error as StoreError;
  const sqliteCode = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const detail = error instanceof Error ? error.message : String(error);
  const [code, advice] = adviceFor(sqliteCode, detail, context.path);
  return storeError(code, `Could not ${context.action}: ${detail}. ${advice}`, error);
}

function adviceFor(sqliteCode: string, detail: string, path: string): [StoreErrorCode, string] {
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) {
    return [
      storeErrorCodes.locked,
      `Another process or connection is writing to ${path}. Make sure only one agent uses this file, or raise the store's busyTimeoutMs.`,
    ];
  }
  if (sqliteCode.startsWith('SQLITE_READONLY') || sqliteCode.startsWith('SQLITE_PERM')) {
    return [storeErrorCodes.notWritable, `Check that ${path} and its directory are writable by this process.`];
  }
  if (sqliteCode.startsWith('SQLITE_CANTOPEN') || detail.includes('Unable to open')) {
    return [storeErrorCodes.cannotOpen, `Check that the directory of ${path} exists and is writable, or choose another path.`];
  }
  if (sqliteCode.startsWith('SQLITE_NOTADB') || sqliteCode.startsWith('SQLITE_CORRUPT')) {
    return [
      storeErrorCodes.corrupt,
      `${path} is not a Downcity database or is damaged. Restore it from a backup or point the store at another path.`,
    ];
  }
  if (sqliteCode.startsWith('SQLITE_FULL')) {
    return [storeErrorCodes.diskFull, `Free disk space on the volume holding ${path}.`];
  }
  return [storeErrorCodes.failed, `The database at ${path} rejected the operation; see the cause for the SQLite error.`];
}
