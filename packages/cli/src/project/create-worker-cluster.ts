import type { AgentConfig, Cluster, Logger, Store } from '@downcity/core';

/** How a project runs as one worker of a cluster. */
export interface WorkerSettings {
  /** Turns and jobs this worker runs at once; default `cluster.concurrency` in the config (10). */
  concurrency?: number;
  /** Its number and the number of workers, when a supervisor (`downcity start --workers N`) started it. */
  slot?: { index: number; count: number };
}

/**
 * The schema of a project's job queue: the store's schema with `_worker` (`downcity_worker` by default), so two
 * agents that share a database with a schema each also keep their jobs, leases and workers apart.
 *
 * @param config - the validated config, with a PostgreSQL store
 */
export function clusterSchemaOf(config: AgentConfig): string {
  return `${config.store.kind === 'postgres' ? config.store.schema : 'downcity'}_worker`;
}

/** Options for {@link createWorkerCluster}. */
export interface CreateWorkerClusterOptions {
  /** The validated config (its store is PostgreSQL: see `requirePostgresStore`). */
  config: AgentConfig;
  /** The agent's store, on the cluster's database. */
  store: Store;
  /** The worker settings from the command line. */
  worker: WorkerSettings;
  /** Where the cluster logs. */
  logger: Logger;
}

/**
 * The cluster this process joins as a worker (`downcity start --worker`): `@downcity/cluster-postgres` on the
 * store's database (schema {@link clusterSchemaOf}), running at most `concurrency` turns and jobs at once. The package (and Graphile Worker) is
 * imported only here, so commands that run no worker do not load it.
 */
export async function createWorkerCluster(options: CreateWorkerClusterOptions): Promise<Cluster> {
  const concurrency = options.worker.concurrency ?? options.config.cluster.concurrency;
  const { createPostgresCluster } = await import('@downcity/cluster-postgres');
  return createPostgresCluster({ store: options.store, concurrency, schema: clusterSchemaOf(options.config), logger: options.logger });
}
