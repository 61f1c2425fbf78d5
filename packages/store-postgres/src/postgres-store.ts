import { type Collection, type JsonObject, registerSecret, type Store } from '@downcity/core';
import pg from 'pg';
import { applyBatch } from './batch.js';
import { createCollection } from './collection.js';
import { parseConnectionUrl } from './connection-url.js';
import { checkName } from './input-checks.js';
import { createMessageTable } from './message-table.js';
import { enablePgvector, runMigrations } from './migrations.js';
import { createOperations, type Db, inTransaction, type OpenPool } from './operations.js';
import { createSearchIndex } from './search-index.js';
import { createSessionTable } from './session-table.js';
import { type StoreError, storeError, storeErrorCodes, toStoreError } from './store-error.js';
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

/**
 * The store {@link createPostgresStore} returns: the `Store` contract plus what a package sharing its database
 * needs (`@downcity/cluster-postgres` adds jobs in the store's transactions and holds advisory locks on
 * clients of its own). Recognise one with {@link isPostgresStore}.
 */
export interface PostgresStore extends Store {
  /** Always `postgres`. */
  readonly name: 'postgres';
  /** The schema of the store's tables, as given (unquoted). */
  readonly schema: string;
  /** The pool queries run on. Throws `STORE_NOT_OPEN` before `open()` and after `close()`. */
  readonly pool: pg.Pool;
  /**
   * Connects a new client outside the pool, with the pool's connection settings (and TCP keep-alive), for
   * session-level work: advisory locks, `LISTEN`. The caller listens to its `error` event and ends it.
   * Throws `STORE_NOT_OPEN` before `open()`, and a worded {@link StoreError} when it cannot connect.
   *
   * @param action - what the client is for, to word a failure (e.g. `hold lease "chat/telegram"`)
   */
  connect(action: string): Promise<pg.Client>;
  /**
   * Runs `work` in one transaction on one pooled client: it commits when `work` resolves and rolls back when
   * it throws. Failures are worded as {@link StoreError}s. Use {@link insertEntry} inside it to store a
   * collection entry together with the caller's own statements.
   *
   * @param action - a short phrase for error messages, e.g. `insert chat:inbox/42 and add its job`
   * @param work - the statements, run on the transaction's client
   */
  transaction<T>(action: string, work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Turns anything `pg` threw into a {@link StoreError} that says what to fix and names the server without
   * the password.
   *
   * @param error - what was thrown
   * @param action - what was being done, e.g. `listen for events`
   */
  describeError(error: unknown, action: string): StoreError;
}

const POSTGRES_STORE = Symbol.for('@downcity/store-postgres');

/**
 * Whether `store` was created by {@link createPostgresStore} (of any copy of this package).
 *
 * @param store - any store
 */
export function isPostgresStore(store: Store): store is PostgresStore {
  return typeof store === 'object' && store !== null && (store as unknown as Record<symbol, unknown>)[POSTGRES_STORE] === true;
}

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
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
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
  const describeError = (error: unknown, action: string): StoreError =>
    toStoreError(error, { action, target: display, password: target?.password });
  const openPool = (action: string): OpenPool => {
    if (open !== undefined) return open;
    throw storeError(
      storeErrorCodes.notOpen,
      `Cannot ${action}: the postgres store is not open. Call \`await store.open()\` first (the agent does this on start).`,
    );
  };

  const store: PostgresStore = {
    name: 'postgres',
    schema: tables.schemaName,
    get pool() {
      return openPool('use the connection pool').pool;
    },
    async connect(action) {
      const client = new pg.Client({ ...openPool(action).pool.options, keepAlive: true });
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw describeError(error, action);
      }
      return client;
    },
    transaction: (action, work) => operations.write(action, work),
    describeError,
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
        throw describeError(error, `open the store (schema "${tables.schemaName}")`);
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
        throw describeError(error, 'close the connection pool');
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
  Object.defineProperty(store, POSTGRES_STORE, { value: true });
  return store;
}
