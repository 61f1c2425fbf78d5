import type { Db } from './operations.js';
import { storeError, storeErrorCodes } from './store-error.js';
import type { Tables } from './tables.js';

/** One schema change. Versions start at 1 and increase by one; a released migration never changes. */
export interface Migration {
  /** The schema version this migration brings the schema to. */
  readonly version: number;
  /** A short description, recorded in `downcity_migrations`. */
  readonly name: string;
  /** The SQL to run for the given tables, in the migration transaction. */
  readonly sql: (tables: Tables) => string;
}

// Ids use the "C" collation so they sort by code point, like the other stores, and prefix filters use the index.
const initialSchema = (t: Tables): string => /* sql */ `
CREATE TABLE ${t.sessions} (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('chat', 'task')),
  metadata jsonb NOT NULL DEFAULT '{}',
  window_start bigint NOT NULL DEFAULT 0,
  last_seq bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX sessions_updated_at ON ${t.sessions} (updated_at, id);

CREATE TABLE ${t.messages} (
  session_id text COLLATE "C" NOT NULL REFERENCES ${t.sessions} (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  role text NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content json NOT NULL,
  metadata json NOT NULL DEFAULT '{}',
  created_at bigint NOT NULL,
  PRIMARY KEY (session_id, seq)
);

CREATE TABLE ${t.collections} (
  collection text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  value jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);

CREATE TABLE ${t.searchDocuments} (
  namespace text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  scope text COLLATE "C" NOT NULL,
  text text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  vector double precision[],
  vector_norm double precision,
  text_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  PRIMARY KEY (namespace, id)
);
CREATE INDEX search_documents_scope ON ${t.searchDocuments} (namespace, scope);
CREATE INDEX search_documents_text ON ${t.searchDocuments} USING gin (text_vector);

CREATE TABLE ${t.searchVectorDimensions} (
  namespace text COLLATE "C" PRIMARY KEY,
  dimension integer NOT NULL
);
`;

/** Every migration this version of the package knows, in order. Append only. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial schema', sql: initialSchema }];

/** The schema version recorded in the ledger, 0 when the schema is new. */
export async function appliedVersion(db: Db): Promise<number> {
  const [row] = await db.rows<{ version: number | null }>(`SELECT max(version) AS version FROM ${db.tables.migrations}`);
  return row?.version ?? 0;
}

/**
 * Brings the schema up to the newest migration in `list`, in the caller's transaction, under a
 * transaction-scoped advisory lock keyed by the schema: workers that start together queue on the lock,
 * and the ones after the first find the ledger up to date. Creates the schema when absent. Refuses a
 * schema newer than `list` knows.
 */
export async function runMigrations(db: Db, list: readonly Migration[] = migrations): Promise<void> {
  const { tables } = db;
  await db.rows('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`downcity-store-postgres:${tables.schemaName}`]);
  // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, so look first.
  const [existing] = await db.rows('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [tables.schemaName]);
  if (existing === undefined) await db.rows(`CREATE SCHEMA ${tables.schema}`);
  await db.rows(`CREATE TABLE IF NOT EXISTS ${tables.migrations} (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at bigint NOT NULL
  )`);
  const latest = list.at(-1)?.version ?? 0;
  const current = await appliedVersion(db);
  if (current > latest) {
    throw storeError(
      storeErrorCodes.schemaTooNew,
      `The schema "${tables.schemaName}" has version ${current}, but this @downcity/store-postgres only knows up to ` +
        `version ${latest}. It was written by a newer release: upgrade @downcity/store-postgres on every worker (older releases never downgrade a schema).`,
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    await db.rows(migration.sql(tables));
    await db.rows(`INSERT INTO ${tables.migrations} (version, name, applied_at) VALUES ($1, $2, $3)`, [
      migration.version,
      migration.name,
      Date.now(),
    ]);
  }
}

/**
 * Where pgvector lives when it can be used: it is installed in the database, or `CREATE EXTENSION vector`
 * succeeds now. Returns the quoted schema of the extension (its `vector` type and `cosine_distance`), or
 * `undefined`. A failed attempt is rolled back to a savepoint, so the caller's transaction goes on.
 */
export async function enablePgvector(db: Db): Promise<string | undefined> {
  const find = async () =>
    (
      await db.rows<{ schema: string }>(
        `SELECT quote_ident(n.nspname) AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'vector'`,
      )
    )[0]?.schema;
  const installed = await find();
  if (installed !== undefined) return installed;
  // Only try when the server has pgvector's files, so a database without it logs no failed CREATE EXTENSION.
  const [available] = await db.rows("SELECT 1 AS found FROM pg_available_extensions WHERE name = 'vector'");
  if (available === undefined) return undefined;
  await db.rows('SAVEPOINT downcity_pgvector');
  try {
    await db.rows('CREATE EXTENSION IF NOT EXISTS vector');
    await db.rows('RELEASE SAVEPOINT downcity_pgvector');
  } catch {
    await db.rows('ROLLBACK TO SAVEPOINT downcity_pgvector');
    return undefined;
  }
  return find();
}
