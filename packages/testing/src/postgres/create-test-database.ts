import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh database for one test file, dropped by {@link TestDatabase.drop}. */
export interface TestDatabase {
  /** The URL of the fresh database (same role and password as `DOWNCITY_TEST_DATABASE_URL`). */
  url: string;
  /** The URL given in `DOWNCITY_TEST_DATABASE_URL`. */
  adminUrl: string;
  /** A new schema name, unique in this database, for one store. */
  schema(): string;
  /**
   * Runs one query on a connection of its own, the way an operator would inspect the database (e.g. what a store
   * or queue left behind), and returns its rows.
   *
   * @param sql - the statement, with `$1`, `$2`... placeholders
   * @param parameters - the placeholders' values
   */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

const HOW_TO =
  'Set DOWNCITY_TEST_DATABASE_URL to postgres://user:password@host:5432/postgres for a role allowed to CREATE DATABASE, ' +
  'or run the tests through `bash scripts/test-postgres.sh pnpm --filter <package> test`, which starts the local PostgreSQL.';

/**
 * Creates a fresh database named after this process for one test file, so concurrent files and runs never
 * share tables. Fails (never skips) with what to do when no PostgreSQL is configured or reachable.
 *
 * Reads `DOWNCITY_TEST_DATABASE_URL`: a role allowed to `CREATE DATABASE` (`scripts/test-postgres.sh` provides one).
 *
 * @example
 * ```ts
 * import { createTestDatabase } from '@downcity/testing/postgres';
 *
 * const database = await createTestDatabase();
 * afterAll(() => database.drop());
 * const store = createPostgresStore({ connectionString: database.url, schema: database.schema() });
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DOWNCITY_TEST_DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') throw new Error(`DOWNCITY_TEST_DATABASE_URL is not set. ${HOW_TO}`);
  const name = `downcity_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The test PostgreSQL at DOWNCITY_TEST_DATABASE_URL is not usable (${reason}). ${HOW_TO}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let schemas = 0;
  return {
    url: url.toString(),
    adminUrl,
    schema: () => `store_${(schemas += 1)}`,
    async query<Row extends pg.QueryResultRow>(sql: string, parameters: unknown[] = []) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query<Row>(sql, parameters)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
