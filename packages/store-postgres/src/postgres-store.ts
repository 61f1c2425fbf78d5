import { type Collection, type JsonObject, registerSecret, type Store } from '@downcity/core';
import pg from 'pg';
import { applyBatch } from './batch.js';
import { createCollection } from './collection.js';
import { parseConnectionUrl } from './connection-url.js';
import { checkName } from './input-checks.js';
import { createMessageTable } from './message-table.js';
import { enablePgvector, runMigrations } from './migrations.js';
import { createOperations, inTransaction, type OpenPool } from './operations.js';
import { createSearchIndex } from './search-index.js';
import { createSessionTable } from './session-table.js';
import { storeError, storeErrorCodes, toStoreError } from './store-error.js';
import { tablesIn } from './tables.js';

/** Options for {@link createPostgresStore}: a connection string, or a pool you own. */
export type PostgresStoreOptions = {
  /**
   * The schema holding the store's tables, created on first `open()` when absent. Several agents can share
   * one database with one schema each. Default `downcity`.
   */
  schema?: string;
  /** Connections the store's own pool opens at most (with `connectionString`). Default 10. */
  maxConnections?: number;
} & (
  | {
      /** `postgres://user:password@host:5432/database`, e.g. from `DOWNCITY_DATABASE_URL`. The store creates and ends its pool. */
      connectionString: string;
      pool?: never;
    }
  | {
      /** A `pg` pool you created; the store uses it and leaves it open on `close()`. */
      pool: pg.Pool;
      connectionString?: never;
    }
);

/** The default schema of the store's tables. */
export const DEFAULT_SCHEMA = 'downcity';
const DEFAULT_MAX_CONNECTIONS = 10;

/**
 * Creates a `Store` on PostgreSQL: sessions, messages, collections (`jsonb`), full-text search (`tsvector`)
 * and vector search (`double precision[]`, or pgvector when the database has it) in one schema. `open()`
 * connects and applies versioned migrations under an advisory lock, so workers that start together migrate
 * once. Nothing connects until `open()`. The password is registered as a secret and never appears in an error.
 *
 * @example
 * ```ts
 * const store = createPostgresStore({ connectionString: process.env.DOWNCITY_DATABASE_URL! });
 * await store.open();
 * await store.sessions.ensure({ id: 'chat:telegram:bot:42', kind: 'chat' });
 * await store.messages.append('chat:telegram:bot:42', [{ role: 'user', content: 'hello' }]);
 * await store.close(); // ends the pool it created
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): Store {
  const tables = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const ownPool = options.pool === undefined;
  const target = ownPool ? parseConnectionUrl(options.connectionString) : undefined;
  if (options.pool === undefined && target === undefined) {
    throw storeError(storeErrorCodes.badUrl, 'createPostgresStore needs a connectionString or a pool.');
  }
  registerSecret(target?.password);
  const display = target?.display ?? 'the given pool';
  let open: OpenPool | undefined;
  let pgvectorSchema: string | undefined;
  const operations = createOperations(() => open);

  return {
    name: 'postgres',
    async open() {
      if (open !== undefined) return;
      const pool =
        options.pool ?? new pg.Pool({ connectionString: target?.url, max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS });
      // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
      const onIdleError = (): void => undefined;
      if (ownPool) pool.on('error', onIdleError);
      try {
        pgvectorSchema = await inTransaction(pool, tables, async (db) => {
          await runMigrations(db);
          return enablePgvector(db);
        });
      } catch (error) {
        if (ownPool) await pool.end().catch(() => undefined);
        throw toStoreError(error, { action: `open the store (schema "${tables.schemaName}")`, target: display, password: target?.password });
      }
      open = { pool, tables, target: display, password: target?.password };
    },
    async close() {
      const closing = open;
      if (closing === undefined) return;
      open = undefined;
      if (!ownPool) return;
      try {
        await closing.pool.end();
      } catch (error) {
        throw toStoreError(error, { action: 'close the connection pool', target: display, password: target?.password });
      }
    },
    sessions: createSessionTable(operations),
    messages: createMessageTable(operations),
    search: createSearchIndex(operations, () => pgvectorSchema),
    collection<T extends JsonObject = JsonObject>(name: string): Collection<T> {
      return createCollection<T>(checkName(name, 'A collection name'), operations);
    },
    batch: (writes) => operations.write(`apply a batch of ${writes.length} write(s)`, (db) => applyBatch(db, writes)),
  };
}
