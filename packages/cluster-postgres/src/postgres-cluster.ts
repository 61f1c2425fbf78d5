import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Cluster, type ClusterJobHandler, defaultLogger, type Logger, type Store } from '@downcity/core';
import { insertEntry, isPostgresStore, type PostgresStore } from '@downcity/store-postgres';
import { addJobStatement } from './add-job.js';
import { clusterError, clusterErrorCodes } from './cluster-error.js';
import { prepareSchema } from './cluster-schema.js';
import { createEvents, type Events } from './events.js';
import { graphileLogger } from './graphile-logger.js';
import { checkText } from './input-checks.js';
import { type JobRunner, startJobRunner } from './job-runner.js';
import { holdLease } from './leases.js';
import { joinCluster, type Membership } from './liveness.js';
import { clusterNames } from './names.js';
import { guardPool } from './pool-listeners.js';
import { repeat } from './sleep.js';

/** Options for {@link createPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * The agent's store, from `createPostgresStore` (`@downcity/store-postgres`). The cluster works in its
   * database through its pool; the agent opens the store before it opens the cluster.
   */
  store: Store;
  /** Jobs this worker runs at once. Default 10. */
  concurrency?: number;
  /**
   * The schema of the job queue (Graphile Worker's tables and functions) and of this package's tables, created
   * on first `open()`. Every worker of one agent must use the same one. Default `downcity_worker`.
   */
  schema?: string;
  /** How often a lease another worker holds is tried again, and how often a held lease's connection is checked, in ms. Default 1000. */
  leaseRetryMs?: number;
  /** How often this worker looks for dead workers (to release their jobs) and prunes stored messages, in ms. Default 1000. */
  sweepIntervalMs?: number;
  /** Where the cluster logs (workers leaving, leases changing hands, connection trouble). Default: the shared JSON logger. */
  logger?: Logger;
}

/** The default schema of the job queue and this package's tables. */
export const DEFAULT_CLUSTER_SCHEMA = 'downcity_worker';
const DEFAULT_CONCURRENCY = 10;
const DEFAULT_LEASE_RETRY_MS = 1000;
const DEFAULT_SWEEP_INTERVAL_MS = 1000;

/** Throws `CLUSTER_BAD_OPTIONS` unless `value` is undefined or a positive number (an integer when `integer`). */
function positive(value: number | undefined, what: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw clusterError(clusterErrorCodes.badOptions, `${what} must be a positive ${integer ? 'integer' : 'number'} (got ${String(value)}); the default is ${fallback}.`);
  }
  return value;
}

function postgresStore(store: Store): PostgresStore {
  if (store === undefined || store === null || !isPostgresStore(store)) {
    const kind = typeof store === 'object' && store !== null && typeof store.name === 'string' ? `a ${store.name} store` : String(store);
    throw clusterError(
      clusterErrorCodes.badOptions,
      `createPostgresCluster needs the store from createPostgresStore (@downcity/store-postgres), got ${kind}: ` +
        'the jobs live in the same database, and several workers need a shared store anyway.',
    );
  }
  return store;
}

/** What an open cluster has running. */
interface OpenState {
  membership: Membership;
  events: Events;
  stopSweeper: () => Promise<void>;
  unguardPool: () => void;
  leases: Set<() => Promise<void>>;
  runner?: JobRunner;
  running: boolean;
}

/**
 * Creates the `Cluster` (`@downcity/core`) of an agent whose workers share one PostgreSQL database, in the database of its
 * `@downcity/store-postgres` store:
 *
 * - **Jobs** on [Graphile Worker](https://worker.graphile.org): `enqueue` adds a job; a job's `queue` makes
 *   the jobs of that queue run one at a time in the order they were added, across all workers;
 *   `insertAndEnqueue` stores a collection entry and its job in one transaction.
 * - **Liveness**: each worker holds an advisory lock on a connection of its own; when its process dies,
 *   another worker notices within `sweepIntervalMs` and releases its locked jobs, which run again elsewhere
 *   with a higher `attempt`.
 * - **Leases**: advisory locks on connections of their own; a dead worker's lease is free within seconds.
 * - **Pub/sub**: `LISTEN`/`NOTIFY` on one channel, large messages stored in a table.
 *
 * Nothing connects until `open()`, which needs the store opened first. See decision 0020.
 *
 * @example
 * ```ts
 * const store = createPostgresStore({ connectionString: process.env.DOWNCITY_DATABASE_URL! });
 * const cluster = createPostgresCluster({ store, concurrency: 10 });
 * const agent = createAgent({ store, cluster, services: [chat(...)] });
 * ```
 *
 * @param options - see {@link PostgresClusterOptions}
 */
export function createPostgresCluster(options: PostgresClusterOptions): Cluster {
  const store = postgresStore(options.store);
  const names = clusterNames(options.schema ?? DEFAULT_CLUSTER_SCHEMA);
  const concurrency = positive(options.concurrency, 'concurrency', DEFAULT_CONCURRENCY, true);
  const leaseRetryMs = positive(options.leaseRetryMs, 'leaseRetryMs', DEFAULT_LEASE_RETRY_MS);
  const sweepIntervalMs = positive(options.sweepIntervalMs, 'sweepIntervalMs', DEFAULT_SWEEP_INTERVAL_MS);
  const workerId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const logger = (options.logger ?? defaultLogger()).child({ cluster: 'postgres', workerId });
  const graphile = graphileLogger(logger);
  const handlers = new Map<string, ClusterJobHandler>();
  let state: OpenState | undefined;
  let opening: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const openState = (action: string): OpenState => {
    if (state !== undefined && closing === undefined) return state;
    throw clusterError(clusterErrorCodes.notOpen, `Cannot ${action}: the postgres cluster is not open. Call \`await cluster.open()\` first (the agent does this on start).`);
  };

  const doOpen = async (): Promise<void> => {
    let pool;
    try {
      pool = store.pool;
    } catch (error) {
      throw clusterError(clusterErrorCodes.notOpen, 'Cannot open the postgres cluster before its store: call `await store.open()` first (the agent opens the store, then the cluster).', error);
    }
    const unguardPool = guardPool(pool, logger);
    let membership: Membership;
    try {
      membership = await joinCluster({
        store,
        names,
        workerId,
        reconnectMs: leaseRetryMs,
        wake: concurrency,
        logger,
        prepare: (client) => prepareSchema(client, pool, names, graphile),
      });
    } catch (error) {
      unguardPool();
      throw store.describeError(error, `open the cluster (schema "${names.schema}")`);
    }
    const events = createEvents({ store, names, reconnectMs: leaseRetryMs, logger });
    const stopSweeper = repeat(sweepIntervalMs, async () => {
      try {
        await membership.sweep();
        await events.prune();
      } catch (error) {
        logger.warn({ error: store.describeError(error, 'look for dead workers').message }, 'A sweep for dead workers failed; trying again');
      }
    });
    state = { membership, events, stopSweeper, unguardPool, leases: new Set(), running: false };
    logger.info({ schema: names.schema }, 'This worker joined the cluster');
  };

  const doClose = async (current: OpenState): Promise<void> => {
    // Jobs first: running ones settle (or are given up after the abort timeout) while the connections still work.
    await current.runner?.stop();
    await Promise.all([...current.leases].map((release) => release()));
    current.leases.clear();
    await current.stopSweeper();
    await current.events.close();
    try {
      await current.membership.leave();
    } catch (error) {
      throw store.describeError(error, 'leave the cluster');
    } finally {
      current.unguardPool();
    }
    logger.info('This worker left the cluster');
  };

  return {
    name: 'postgres',
    workerId,
    async open() {
      if (closing !== undefined) await closing.catch(() => undefined);
      if (state !== undefined) return;
      opening ??= doOpen().finally(() => {
        opening = undefined;
      });
      await opening;
    },
    async run() {
      const current = openState('run jobs');
      if (current.running) return;
      current.running = true;
      if (handlers.size === 0) {
        logger.debug('No job handlers registered; this worker takes no jobs');
        return;
      }
      try {
        current.runner = await startJobRunner({
          pool: store.pool,
          names,
          concurrency,
          workerId,
          handlers,
          logger,
          graphileLogger: graphile,
          registerLocker: (lockerId) => current.membership.registerLocker(lockerId),
        });
      } catch (error) {
        current.running = false;
        throw store.describeError(error, 'start taking jobs');
      }
    },
    close() {
      const current = state;
      if (current === undefined) return closing ?? Promise.resolve();
      closing ??= doClose(current).finally(() => {
        state = undefined;
        closing = undefined;
      });
      return closing;
    },
    handle(task, handler) {
      checkText(task, 'A task name', 128);
      if (typeof handler !== 'function') {
        throw clusterError(clusterErrorCodes.badHandler, `The handler of task ${task} must be a function (got ${typeof handler}).`);
      }
      if (state?.running === true) {
        throw clusterError(clusterErrorCodes.badHandler, `The handler of task ${task} came after run(): register handlers in setup or start, before the agent runs the cluster.`);
      }
      if (handlers.has(task)) throw clusterError(clusterErrorCodes.badHandler, `Task ${task} has a handler already; each task has one.`);
      handlers.set(task, handler);
    },
    async enqueue(job) {
      openState(`add a ${String(job?.task)} job`);
      const statement = addJobStatement(names, job);
      try {
        await store.pool.query(statement.sql, statement.parameters);
      } catch (error) {
        throw store.describeError(error, `add a ${job.task} job`);
      }
    },
    async insertAndEnqueue(entry, job) {
      openState(`add a ${String(job?.task)} job`);
      checkText(entry?.collection, 'The collection of an entry');
      checkText(entry.id, 'The id of an entry');
      const statement = addJobStatement(names, job);
      return store.transaction(`insert ${entry.collection}/${entry.id} and add its ${job.task} job`, async (db) => {
        if (!(await insertEntry(db, entry.collection, entry.id, entry.value))) return false;
        await db.rows(statement.sql, statement.parameters);
        return true;
      });
    },
    hold(name, holder) {
      const current = openState(`hold the lease ${JSON.stringify(name)}`);
      checkText(name, 'A lease name');
      if (typeof holder?.acquired !== 'function' || typeof holder.lost !== 'function') {
        throw clusterError(clusterErrorCodes.invalidInput, `The holder of lease ${name} must have acquired() and lost() methods.`);
      }
      const release = holdLease({ store, names, retryMs: leaseRetryMs, logger }, name, holder);
      current.leases.add(release);
      return async () => {
        current.leases.delete(release);
        await release();
      };
    },
    async publish(topic, message) {
      return openState(`publish on ${String(topic)}`).events.publish(topic, message);
    },
    async subscribe(topic, listener) {
      const current = openState(`subscribe to ${String(topic)}`);
      if (typeof listener !== 'function') {
        throw clusterError(clusterErrorCodes.invalidInput, `The listener of topic ${String(topic)} must be a function.`);
      }
      return current.events.subscribe(topic, listener);
    },
    async members() {
      const current = openState('list the workers');
      try {
        return await current.membership.members();
      } catch (error) {
        throw store.describeError(error, 'list the workers');
      }
    },
  };
}
