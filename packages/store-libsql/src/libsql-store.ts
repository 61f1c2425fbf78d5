import type { Collection, JsonObject, Store } from '@downcity/core';
import { type BackgroundCheckpoint, checkpointInBackground } from './background-checkpoint.js';
import { applyBatch } from './batch.js';
import { createCollection } from './collection.js';
import { Connection } from './connection.js';
import { checkName } from './input-checks.js';
import { createMessageTable } from './message-table.js';
import { runMigrations } from './migrations.js';
import { createOperations } from './operations.js';
import { createSearchIndex } from './search-index.js';
import { createSessionTable } from './session-table.js';
import { toStoreError } from './store-error.js';

/** Options for {@link createLibsqlStore}. */
export interface LibsqlStoreOptions {
  /**
   * The database file. Missing directories are created. `':memory:'` keeps everything in
   * memory (lost on close; for tests). Default `.downcity/downcity.db` under the working directory.
   */
  path?: string;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
}

/** The default database file, relative to the working directory. */
export const DEFAULT_DATABASE_PATH = '.downcity/downcity.db';
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the embedded default `Store`: one libSQL file in WAL mode with versioned
 * migrations, FTS5 full-text search and vector search. Nothing touches the disk until `open()`.
 *
 * @example
 * ```ts
 * const store = createLibsqlStore({ path: '.downcity/downcity.db' });
 * await store.open();
 * await store.sessions.ensure({ id: 'chat:telegram:bot:42', kind: 'chat' });
 * await store.messages.append('chat:telegram:bot:42', [{ role: 'user', content: 'hello' }]);
 * await store.close();
 * ```
 */
export function createLibsqlStore(options: LibsqlStoreOptions = {}): Store {
  const path = options.path ?? DEFAULT_DATABASE_PATH;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let connection: Connection | undefined;
  let checkpoint: BackgroundCheckpoint | undefined;
  const operations = createOperations(() => connection);

  return {
    name: 'libsql',
    async open() {
      if (connection !== undefined) return;
      const opened = Connection.open({ path, busyTimeoutMs });
      try {
        runMigrations(opened);
      } catch (error) {
        opened.close();
        throw toStoreError(error, { action: 'migrate the database schema', path: opened.path });
      }
      checkpoint = checkpointInBackground(opened);
      connection = opened;
    },
    async close() {
      const closing = connection;
      if (closing === undefined) return;
      connection = undefined;
      // The worker's connection goes first, so nothing competes with the closing checkpoint that
      // copies the whole WAL into the file.
      await checkpoint?.stop();
      checkpoint = undefined;
      try {
        closing.close();
      } catch (error) {
        throw toStoreError(error, { action: 'close the database', path: closing.path });
      }
    },
    sessions: createSessionTable(operations),
    messages: createMessageTable(operations),
    search: createSearchIndex(operations),
    collection<T extends JsonObject = JsonObject>(name: string): Collection<T> {
      // Collections are rows keyed by name, so the handle is stateless and cheap to create.
      return createCollection<T>(checkName(name, 'A collection name'), operations);
    },
    batch: (writes) =>
      operations.write(`apply a batch of ${writes.length} write(s)`, (open) => applyBatch(open, writes)),
  };
}
