/**
 * The one place this package creates its own errors: an `Error` with a stable `code` and a message that says
 * what to fix. Failures of PostgreSQL itself are worded by the store (`PostgresStore.describeError`), with the
 * store's codes (`STORE_UNREACHABLE`...) and never the password.
 */
import { storeError } from '@downcity/core';

/** Stable codes of the errors this package throws itself, as `error.code`. */
export const clusterErrorCodes = {
  /** `createPostgresCluster` was given something other than a store from `createPostgresStore`, or bad options. */
  badOptions: 'CLUSTER_BAD_OPTIONS',
  /** An operation ran before `open()` or after `close()`. */
  notOpen: 'CLUSTER_NOT_OPEN',
  /** A job, lease, topic or message the cluster cannot take (empty name, non-JSON payload...). */
  invalidInput: 'CLUSTER_INVALID_INPUT',
  /** A handler was registered after `run()`, or twice for one task. */
  badHandler: 'CLUSTER_BAD_HANDLER',
  /** A running job was given up because this worker is stopping; it is tried again. */
  stopping: 'CLUSTER_STOPPING',
} as const;

/** One of the {@link clusterErrorCodes}. */
export type ClusterErrorCode = (typeof clusterErrorCodes)[keyof typeof clusterErrorCodes];

/** An `Error` thrown by this package, with one of the {@link clusterErrorCodes}. */
export type ClusterError = Error & { readonly code: ClusterErrorCode };

/** Creates an error with one of this package's codes; `message` says what failed and what to do next. */
export function clusterError(code: ClusterErrorCode, message: string, cause?: unknown): ClusterError {
  return storeError(code, message, cause);
}
