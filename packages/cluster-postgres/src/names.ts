import { clusterError, clusterErrorCodes } from './cluster-error.js';

/** The quoted names and lock keys of one cluster schema, ready to put in SQL. */
export interface ClusterNames {
  /** The schema name as given (Graphile Worker's schema, holding this package's tables too). */
  schema: string;
  /** The quoted schema. */
  quotedSchema: string;
  /** `downcity_workers`: the live workers. */
  workers: string;
  /** `downcity_events`: published messages too large for a notification. */
  events: string;
  /** The notification channel of published messages (unquoted, as `pg_notify` takes it). */
  channel: string;
  /** The text whose hash is the advisory lock key of `kind`/`name` (hash it with `hashtextextended(key, 0)`). */
  lockKey(kind: 'worker' | 'lease' | 'migrate', name: string): string;
}

/** The largest identifier PostgreSQL keeps without truncating it. */
const MAX_IDENTIFIER_BYTES = 63;
const CHANNEL_SUFFIX = '_events';

/** Quotes an identifier for SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Names everything of the cluster in `schema`. Rejects a schema PostgreSQL would truncate (the channel name
 * `<schema>_events` must fit in 63 bytes too).
 *
 * @param schema - Graphile Worker's schema, e.g. `downcity_worker`
 */
export function clusterNames(schema: string): ClusterNames {
  const limit = MAX_IDENTIFIER_BYTES - CHANNEL_SUFFIX.length;
  if (typeof schema !== 'string' || schema.length === 0 || Buffer.byteLength(schema) > limit || schema.includes('\0')) {
    throw clusterError(
      clusterErrorCodes.badOptions,
      `The cluster schema must be 1 to ${limit} bytes without NUL characters (got ${JSON.stringify(schema)}); the default is downcity_worker.`,
    );
  }
  const quotedSchema = quoteIdentifier(schema);
  return {
    schema,
    quotedSchema,
    workers: `${quotedSchema}.downcity_workers`,
    events: `${quotedSchema}.downcity_events`,
    channel: `${schema}${CHANNEL_SUFFIX}`,
    lockKey: (kind, name) => `${schema}:${kind}:${name}`,
  };
}

/** SQL that takes the session advisory lock of the key in parameter `$n`, if free; answers `locked`. */
export const tryLockSql = (n = 1): string => `SELECT pg_try_advisory_lock(hashtextextended($${n}, 0)) AS locked`;

/** SQL that releases the session advisory lock of the key in parameter `$n`. */
export const unlockSql = (n = 1): string => `SELECT pg_advisory_unlock(hashtextextended($${n}, 0)) AS unlocked`;
