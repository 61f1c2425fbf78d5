import type { Cluster } from '@downcity/core';
import { recordingLogger, type RecordingLogger } from '@downcity/testing';
import type { TestDatabase } from '@downcity/testing/postgres';
import { createPostgresStore, type PostgresStore } from '@downcity/store-postgres';
import { createPostgresCluster, type PostgresClusterOptions } from '../src/index.js';

/** One worker of a test: its own store (pool) and cluster, as a separate process would have. */
export interface TestWorker {
  store: PostgresStore;
  cluster: Cluster;
}

/** The workers a test opened; {@link closeWorkers} closes them. */
const opened: TestWorker[] = [];

/** A quiet logger for the clusters (lines are kept, not printed). */
export const quiet: RecordingLogger = recordingLogger();

/**
 * Opens `count` workers on one store schema and one cluster schema of `database`, all at once (as workers
 * starting together would).
 */
export async function openWorkers(
  database: TestDatabase,
  count: number,
  options: Partial<PostgresClusterOptions> & { storeSchema?: string; schema?: string } = {},
): Promise<TestWorker[]> {
  const storeSchema = options.storeSchema ?? database.schema();
  const schema = options.schema ?? `${storeSchema}_worker`;
  const workers = Array.from({ length: count }, () => {
    const store = createPostgresStore({ connectionString: database.url, schema: storeSchema });
    const cluster = createPostgresCluster({ sweepIntervalMs: 200, leaseRetryMs: 200, logger: quiet, ...options, store, schema });
    return { store, cluster };
  });
  opened.push(...workers);
  await Promise.all(workers.map(async (worker) => {
    await worker.store.open();
    await worker.cluster.open();
  }));
  return workers;
}

/** Closes every worker opened since the last call: cluster first, then store, as the agent does. */
export async function closeWorkers(): Promise<void> {
  for (const worker of opened.splice(0)) {
    await worker.cluster.close();
    await worker.store.close();
  }
}

/** Waits until `check` returns a value that is not `undefined`/`false`, polling; fails after `ms` with `what`. */
export async function eventually<T>(what: string, check: () => T | Promise<T>, ms = 30_000): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
