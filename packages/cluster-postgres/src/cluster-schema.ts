import type pg from 'pg';
import { runMigrations, type Logger as GraphileLogger } from 'graphile-worker';
import type { ClusterNames } from './names.js';

/** This package's own tables, in Graphile Worker's schema; created when absent. */
function tablesSql(names: ClusterNames): string {
  return `
    CREATE TABLE IF NOT EXISTS ${names.workers} (
      worker_id text PRIMARY KEY,
      graphile_worker_ids text[] NOT NULL DEFAULT '{}',
      host text NOT NULL,
      pid integer NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS ${names.events} (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      message json NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS downcity_events_created_at ON ${names.events} (created_at);`;
}

/**
 * Installs or upgrades Graphile Worker's schema and creates this package's tables, holding a session advisory
 * lock on `client` meanwhile: workers that open together queue on it, the first migrates, the others find
 * everything in place (Graphile's own migrations tolerate races too; the lock makes `CREATE ... IF NOT EXISTS`
 * safe as well).
 *
 * @param client - a dedicated client (the lock is held by its session)
 * @param pool - the pool Graphile Worker migrates through
 * @param names - the cluster's names
 * @param logger - Graphile's logger
 */
export async function prepareSchema(client: pg.Client, pool: pg.Pool, names: ClusterNames, logger: GraphileLogger): Promise<void> {
  const key = names.lockKey('migrate', 'schema');
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  try {
    await runMigrations({ pgPool: pool, schema: names.schema, logger });
    await client.query(tablesSql(names));
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  }
}
