import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { storeError, storeErrorCodes, toStoreError } from './store-error.js';
import type { Tables } from './tables.js';

/** A value bound to a query placeholder. */
export type SqlValue = string | number | boolean | null | readonly number[] | readonly string[];

/** Something queries run on: the pool for reads, one client inside a transaction for writes. */
export interface Db {
  /** The schema-qualified table names. */
  readonly tables: Tables;
  /** Runs one statement and returns its rows. */
  rows<T extends QueryResultRow>(sql: string, parameters?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns how many rows it changed. */
  changes(sql: string, parameters?: readonly SqlValue[]): Promise<number>;
}

/** The open pool and how to describe it. */
export interface OpenPool {
  /** The pool queries run on. */
  pool: Pool;
  /** The schema-qualified table names. */
  tables: Tables;
  /** The server and database without the password, for messages. */
  target: string;
  /** The password, kept out of messages. */
  password: string | undefined;
}

/** Every public method runs through `read` or `write`, which fail clearly before `open()` and word errors. */
export interface Operations {
  /** Runs `work` on the pool. `action` words the error message. */
  read<T>(action: string, work: (db: Db) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction on one client. */
  write<T>(action: string, work: (db: Db) => Promise<T>): Promise<T>;
}

function dbOver(runner: Pool | PoolClient, tables: Tables): Db {
  return {
    tables,
    rows: async <T extends QueryResultRow>(sql: string, parameters: readonly SqlValue[] = []) =>
      (await runner.query<T>(sql, parameters as unknown[])).rows,
    changes: async (sql, parameters = []) => (await runner.query(sql, parameters as unknown[])).rowCount ?? 0,
  };
}

/** Runs `work` in `BEGIN`/`COMMIT` on one client of `pool`, rolling back when it throws. */
export async function inTransaction<T>(pool: Pool, tables: Tables, work: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(dbOver(client, tables));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** Builds {@link Operations} over a getter that returns the pool while the store is open. */
export function createOperations(current: () => OpenPool | undefined): Operations {
  const perform = async <T>(action: string, work: (db: Db) => Promise<T>, transactional: boolean): Promise<T> => {
    const open = current();
    if (open === undefined) {
      throw storeError(
        storeErrorCodes.notOpen,
        `Cannot ${action}: the postgres store is not open. Call \`await store.open()\` first (the agent does this on start).`,
      );
    }
    try {
      return transactional ? await inTransaction(open.pool, open.tables, work) : await work(dbOver(open.pool, open.tables));
    } catch (error) {
      throw toStoreError(error, { action, target: open.target, password: open.password });
    }
  };
  return {
    read: (action, work) => perform(action, work, false),
    write: (action, work) => perform(action, work, true),
  };
}
