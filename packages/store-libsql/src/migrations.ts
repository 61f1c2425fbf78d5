import type { Connection } from './connection.js';
import { storeError, storeErrorCodes } from './store-error.js';

/** One schema change. Versions start at 1 and increase by one; a released migration never changes. */
export interface Migration {
  /** The schema version this migration brings the database to. */
  readonly version: number;
  /** A short description, recorded in `downcity_migrations`. */
  readonly name: string;
  /** The SQL to run, in one transaction with the version record. */
  readonly sql: string;
}

const initialSchema = /* sql */ `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('chat', 'task')),
  metadata TEXT NOT NULL DEFAULT '{}',
  window_start INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX sessions_updated_at ON sessions (updated_at, id);

CREATE TABLE messages (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
);

CREATE TABLE collections (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collection, id)
);

CREATE TABLE search_documents (
  doc_id INTEGER PRIMARY KEY,
  namespace TEXT NOT NULL,
  id TEXT NOT NULL,
  scope TEXT NOT NULL,
  text TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  vector BLOB,
  UNIQUE (namespace, id)
);
CREATE INDEX search_documents_scope ON search_documents (namespace, scope);

CREATE TABLE search_vector_dimensions (
  namespace TEXT PRIMARY KEY NOT NULL,
  dimension INTEGER NOT NULL
);

CREATE VIRTUAL TABLE search_text USING fts5 (
  text,
  content = 'search_documents',
  content_rowid = 'doc_id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_documents_after_insert AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_text (rowid, text) VALUES (new.doc_id, new.text);
END;
CREATE TRIGGER search_documents_after_delete AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_text (search_text, rowid, text) VALUES ('delete', old.doc_id, old.text);
END;
CREATE TRIGGER search_documents_after_update AFTER UPDATE OF text ON search_documents BEGIN
  INSERT INTO search_text (search_text, rowid, text) VALUES ('delete', old.doc_id, old.text);
  INSERT INTO search_text (rowid, text) VALUES (new.doc_id, new.text);
END;
`;

/** Every migration this version of the package knows, in order. Append only. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial schema', sql: initialSchema }];

const createLedger = `CREATE TABLE IF NOT EXISTS downcity_migrations (
  version INTEGER PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** The schema version recorded in the database, 0 for a new file. */
export function appliedVersion(connection: Connection): number {
  return connection.get<{ version: number | null }>('SELECT max(version) AS version FROM downcity_migrations')?.version ?? 0;
}

/**
 * Brings the database up to the newest migration in `list`, each migration in its own
 * transaction. Refuses a database whose schema is newer than `list` knows.
 */
export function runMigrations(connection: Connection, list: readonly Migration[] = migrations): void {
  connection.exec(createLedger);
  const latest = list.at(-1)?.version ?? 0;
  const current = appliedVersion(connection);
  if (current > latest) {
    throw storeError(
      storeErrorCodes.schemaTooNew,
      `The database at ${connection.path} has schema version ${current}, but this @downcity/store-libsql only knows up to ` +
        `version ${latest}. It was written by a newer release: upgrade @downcity/store-libsql to open it (older releases never downgrade a database).`,
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    connection.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      if (appliedVersion(connection) >= migration.version) return;
      connection.exec(migration.sql);
      connection.run('INSERT INTO downcity_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    });
  }
}
