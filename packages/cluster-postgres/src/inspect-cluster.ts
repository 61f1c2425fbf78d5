import type { ClusterMember } from '@downcity/core';
import { createPostgresStore } from '@downcity/store-postgres';
import pg from 'pg';
import { clusterNames } from './names.js';
import { DEFAULT_CLUSTER_SCHEMA } from './postgres-cluster.js';

/** Options for {@link inspectPostgresCluster}. */
export interface InspectPostgresClusterOptions {
  /** `postgres://user:password@host:5432/database`: the database of the agent's store. */
  connectionString: string;
  /** The cluster's schema. Default `downcity_worker`. */
  schema?: string;
  /** How long connecting may take before it fails as unreachable. Default 5 s. */
  connectTimeoutMs?: number;
}

/** What {@link inspectPostgresCluster} found. */
export interface PostgresClusterReport {
  /** The schema looked at. */
  schema: string;
  /** Whether the job queue (Graphile Worker's schema) is installed there; the first worker's `open()` installs it. */
  queueInstalled: boolean;
  /** The newest Graphile Worker migration applied, when installed. */
  queueVersion: number | undefined;
  /** The live workers: registered, and their process still holds its liveness lock. */
  members: ClusterMember[];
  /** Registered workers whose process is gone; the next sweep of a live worker forgets them. */
  gone: number;
}

/**
 * Looks at a cluster without joining it or changing anything (for `downcity doctor`): whether the job queue
 * is installed, and which registered workers are alive (their session advisory lock is held, read from
 * `pg_locks`). Fails with the store's clear errors (unreachable, authentication failed, database missing),
 * never showing the password.
 */
export async function inspectPostgresCluster(options: InspectPostgresClusterOptions): Promise<PostgresClusterReport> {
  const names = clusterNames(options.schema ?? DEFAULT_CLUSTER_SCHEMA);
  // Only for its error wording (unreachable, wrong password...): never opened.
  const wording = createPostgresStore({ connectionString: options.connectionString });
  const client = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const present = async (table: string): Promise<boolean> =>
      (await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table])).rows[0]?.present === true;
    const queueInstalled = await present(`${names.quotedSchema}.migrations`);
    const queueVersion = queueInstalled ? (await client.query<{ id: number | null }>(`SELECT max(id) AS id FROM ${names.quotedSchema}.migrations`)).rows[0]?.id ?? undefined : undefined;
    if (!(await present(names.workers))) return { schema: names.schema, queueInstalled, queueVersion, members: [], gone: 0 };
    // A bigint advisory lock shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1.
    const { rows } = await client.query<{ worker_id: string; host: string; pid: number; started_at: number; alive: boolean }>(
      `SELECT w.worker_id, w.host, w.pid, (extract(epoch FROM w.started_at) * 1000)::float8 AS started_at,
              EXISTS (
                SELECT 1 FROM pg_locks l, LATERAL (SELECT hashtextextended($1 || w.worker_id, 0) AS key) k
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid::bigint = (k.key >> 32) & 4294967295 AND l.objid::bigint = k.key & 4294967295
              ) AS alive
         FROM ${names.workers} w ORDER BY w.started_at, w.worker_id`,
      [names.lockKey('worker', '')],
    );
    const members = rows.filter((row) => row.alive).map((row) => ({ workerId: row.worker_id, host: row.host, pid: row.pid, startedAt: Math.round(row.started_at) }));
    return { schema: names.schema, queueInstalled, queueVersion, members, gone: rows.length - members.length };
  } catch (error) {
    throw wording.describeError(error, `inspect the cluster (schema "${names.schema}")`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
