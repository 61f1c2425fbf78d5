import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'libsql';
import { storeError, storeErrorCodes, toStoreError } from './store-error.js';

/**
 * A value SQLite can bind. Booleans and `undefined` are deliberately absent: the native
 * binding aborts the process on a boolean, so callers convert them first.
 */
export type SqlValue = string | number | bigint | null | Buffer;

/** The result of a write statement. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** Where and how to open the database file. */
export interface ConnectionOptions {
  /** File path, or `:memory:`. */
  path: string;
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs: number;
}

const MEMORY_PATH = ':memory:';
const STATEMENT_CACHE_SIZE = 256;

/**
 * One open libSQL connection: prepared statements cached for its lifetime and
 * nestable write transactions (an inner transaction joins the outer one).
 */
export class Connection {
  /** The path the database was opened at, for error messages. */
  readonly path: string;
  readonly #database: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #transactionDepth = 0;

  private constructor(database: Database.Database, path: string) {
    this.#database = database;
    this.path = path;
  }

  /** Opens (creating directories and the file as needed) and applies the connection pragmas. */
  static open(options: ConnectionOptions): Connection {
    const path = options.path === MEMORY_PATH ? MEMORY_PATH : resolve(options.path);
    const context = { action: `open the database at ${path}`, path };
    if (path !== MEMORY_PATH) {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw storeError(
          storeErrorCodes.cannotOpen,
          `Could not create the directory for the database at ${path}. Check permissions, or choose another path.`,
          error,
        );
      }
    }
    let database: Database.Database;
    try {
      database = new Database(path);
    } catch (error) {
      throw toStoreError(error, context);
    }
    const connection = new Connection(database, path);
    try {
      connection.get('PRAGMA busy_timeout = ' + Math.max(0, Math.floor(options.busyTimeoutMs)));
      connection.get('PRAGMA journal_mode = WAL');
      connection.run('PRAGMA synchronous = NORMAL');
      connection.run('PRAGMA foreign_keys = ON');
    } catch (error) {
      database.close();
      throw toStoreError(error, context);
    }
    return connection;
  }

  /** Whether this is an in-memory database (`:memory:`) rather than a file. */
  get inMemory(): boolean {
    return this.path === MEMORY_PATH;
  }

  /** Whether the connection is still open. */
  get isOpen(): boolean {
    return this.#database.open;
  }

  /** The cached prepared statement for `sql`. */
  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a write statement. */
  run(sql: string, parameters: readonly SqlValue[] = []): RunResult {
    return this.statement(sql).run([...parameters]);
  }

  /** The first row of a query, typed by the caller who wrote the SQL. */
  get<Row>(sql: string, parameters: readonly SqlValue[] = []): Row | undefined {
    return (this.statement(sql).get([...parameters]) ?? undefined) as Row | undefined;
  }

  /** All rows of a query, typed by the caller who wrote the SQL. */
  all<Row>(sql: string, parameters: readonly SqlValue[] = []): Row[] {
    return this.statement(sql).all([...parameters]) as Row[];
  }

  /** Executes one or more statements without parameters (schema changes). */
  exec(sql: string): void {
    this.#database.exec(sql);
  }

  /**
   * Runs `work` in a write transaction (`BEGIN IMMEDIATE`, so lock waits happen up front).
   * Called inside another transaction it joins it: the outermost one commits or rolls back.
   */
  transaction<T>(work: () => T): T {
    if (this.#transactionDepth > 0) {
      this.#transactionDepth += 1;
      try {
        return work();
      } finally {
        this.#transactionDepth -= 1;
      }
    }
    this.run('BEGIN IMMEDIATE');
    this.#transactionDepth = 1;
    try {
      const result = work();
      this.run('COMMIT');
      return result;
    } catch (error) {
      if (this.#database.inTransaction) this.run('ROLLBACK');
      throw error;
    } finally {
      this.#transactionDepth = 0;
    }
  }

  /**
   * Lets SQLite refresh its planner statistics, copies the whole WAL into the database file and empties
   * it (both best effort), then closes the file. After a clean close the `.db` file alone holds
   * everything, so copying just that file is a complete backup.
   */
  close(): void {
    try {
      this.run('PRAGMA optimize');
    } catch {
      // Only an optimization: a busy or read-only file must not stop the close.
    }
    if (!this.inMemory) {
      try {
        this.get('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch {
        // Another process may be reading: the WAL then stays and the next open replays it, losing nothing.
      }
    }
    this.#statements.clear();
    this.#database.close();
  }
}
