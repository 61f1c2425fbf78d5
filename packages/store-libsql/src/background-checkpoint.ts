import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Connection } from './connection.js';

/** SQLite's own auto-checkpoint threshold in WAL pages, used whenever no worker runs. */
const INLINE_CHECKPOINT_PAGES = 1000;
/**
 * While the worker runs, the writer still checkpoints in-line past this many WAL pages (about 40 MB),
 * so the WAL stays bounded even if the worker falls behind.
 */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;
/** How often the worker copies committed WAL frames into the database file. */
const CHECKPOINT_INTERVAL_MS = 200;

/**
 * The worker's code. It is evaluated as CommonJS (`eval: true`), so it needs no build entry of its
 * own and runs the same from the sources and from `dist`. It opens its own connection to the file
 * and runs a PASSIVE checkpoint on an interval: PASSIVE never waits for, or blocks, the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const database = new Database(workerData.path);
database.exec('PRAGMA busy_timeout = 0');
// exec, not a kept prepared statement: an unfinalized statement would keep the file open after close.
const timer = setInterval(() => {
  try { database.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch { /* the next tick tries again; the writer's backstop bounds the WAL */ }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

/** A running background checkpointer; {@link BackgroundCheckpoint.stop} ends it. */
export interface BackgroundCheckpoint {
  /** Stops the interval and closes the worker's connection; resolves when the worker has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread that checkpoints the WAL of the database at `path` in the background, so
 * the agent's own connection (whose calls block the event loop) never pays for a checkpoint's copy
 * and fsync on a turn's commit. It returns at once: the worker boots (about 0.1 s) while the store is
 * already in use. `onStopped` runs if the worker ends without being stopped (it could not open the
 * file, or crashed), so the caller can turn SQLite's in-line auto-checkpoint back on.
 */
export function startBackgroundCheckpoint(path: string, onStopped: () => void): BackgroundCheckpoint {
  const driver = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs: CHECKPOINT_INTERVAL_MS } });
  worker.unref();
  let stopping = false;
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  // A failing worker only costs the background checkpoints: the caller takes them back in-line.
  worker.on('error', () => {});
  void exited.then(() => {
    if (!stopping) onStopped();
  });
  return {
    async stop() {
      stopping = true;
      if (!running) return;
      // Held by the store's close from here on: the process waits for the worker to close its file.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * Moves the WAL checkpoints of `connection`'s file to a background worker and raises the writer's
 * in-line threshold to a backstop. Returns `undefined` (and leaves SQLite's in-line checkpoints as they
 * are) for an in-memory database.
 */
export function checkpointInBackground(connection: Connection): BackgroundCheckpoint | undefined {
  if (connection.inMemory) return undefined;
  connection.get(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  return startBackgroundCheckpoint(connection.path, () => {
    if (connection.isOpen) connection.get(`PRAGMA wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
  });
}
