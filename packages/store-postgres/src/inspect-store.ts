import pg from 'pg';
import { parseConnectionUrl } from './connection-url.js';
import { migrations } from './migrations.js';
import { DEFAULT_SCHEMA } from './postgres-store.js';
import { toStoreError } from './store-error.js';
import { tablesIn } from './tables.js';

/** Options for {@link inspectPostgresStore}. */
export interface InspectPostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  connectionString: string;
  /** The store's schema. Default `downcity`. */
  schema?: string;
  /** How long connecting may take before it fails as unreachable. Default 5 s. */
  connectTimeoutMs?: number;
}

/** What {@link inspectPostgresStore} found. */
export interface PostgresStoreReport {
  /** The server and database, without the password. */
  target: string;
  /** The server's version, e.g. `15.18`. */
  serverVersion: string;
  /** The schema looked at. */
  schema: string;
  /** The newest migration applied to the schema; 0 when the store was never opened there (its first `open()` migrates). */
  appliedVersion: number;
  /** The newest migration this version of the package knows: the store is up to date when `appliedVersion` equals it. */
  latestVersion: number;
}

/**
 * Looks at a PostgreSQL store without changing anything (for `downcity doctor`): connects, reads the server
 * version and which of the store's migrations the schema has. Fails with the store's clear errors (unreachable,
 * authentication failed, database missing), never showing the password.
 */
export async function inspectPostgresStore(options: InspectPostgresStoreOptions): Promise<PostgresStoreReport> {
  const target = parseConnectionUrl(options.connectionString);
  const tables = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000 });
  // A connection the server drops emits 'error' on the client; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const ledger = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [tables.migrations]);
    const applied = ledger.rows[0]?.present ? await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${tables.migrations}`) : undefined;
    return {
      target: target.display,
      serverVersion: version.rows[0]?.server_version ?? 'unknown',
      schema: tables.schemaName,
      appliedVersion: applied?.rows[0]?.version ?? 0,
      latestVersion: migrations.at(-1)?.version ?? 0,
    };
  } catch (error) {
    throw toStoreError(error, { action: `inspect the store (schema "${tables.schemaName}")`, target: target.display, password: target.password });
  } finally {
    await client.end().catch(() => undefined);
  }
}
