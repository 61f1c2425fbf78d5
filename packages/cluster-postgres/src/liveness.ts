import { hostname } from 'node:os';
import type { ClusterMember, Logger } from '@downcity/core';
import type { PostgresStore } from '@downcity/store-postgres';
import type pg from 'pg';
import { clusterError, clusterErrorCodes } from './cluster-error.js';
import { type WatchedClient, watchClient } from './dedicated-client.js';
import { type ClusterNames, tryLockSql, unlockSql } from './names.js';
import { sleep } from './sleep.js';

/** What {@link joinCluster} needs. */
export interface LivenessOptions {
  /** The opened store whose database the cluster shares. */
  store: PostgresStore;
  /** The cluster's names. */
  names: ClusterNames;
  /** This worker's id. */
  workerId: string;
  /** The pause before a lost liveness connection is connected again. */
  reconnectMs: number;
  /** How many idle Graphile workers to wake when a dead worker's jobs are released. */
  wake: number;
  /** Where membership changes and troubles are logged. */
  logger: Logger;
  /** Runs once on the new liveness connection before this worker registers (migrations, under a lock it takes). */
  prepare(client: pg.Client): Promise<void>;
}

/** This worker's place in the cluster, from {@link joinCluster} until {@link Membership.leave}. */
export interface Membership {
  /** Adds a Graphile locker id (a worker pool's id) to this worker's row; retries until it is stored or the worker leaves. */
  registerLocker(lockerId: string): Promise<void>;
  /** One sweep: releases the jobs of every registered worker whose process is gone, and forgets it. */
  sweep(): Promise<void>;
  /** The registered workers. */
  members(): Promise<ClusterMember[]>;
  /** Deletes this worker's row, releases its advisory lock and ends the liveness connection. */
  leave(): Promise<void>;
}

/**
 * Joins the cluster. The worker holds a session-level advisory lock named after its id on a connection of its
 * own (not the pool's) for as long as it lives, and registers itself in `downcity_workers` with the ids
 * Graphile Worker locks its jobs with. PostgreSQL releases session locks when a connection dies, so a lock
 * that another worker can take belongs to a worker that is gone: {@link Membership.sweep} takes it, calls
 * Graphile's `force_unlock_workers` on the gone worker's ids (its jobs run again elsewhere, with a higher
 * attempt, instead of staying locked for Graphile's 4 hours), deletes its row and lets the lock go.
 *
 * When this worker's own liveness connection breaks it reconnects, takes its lock again and re-registers; if
 * another worker swept it meanwhile, jobs it was running may also run elsewhere (handlers are idempotent).
 *
 * @param options - see {@link LivenessOptions}
 */
export async function joinCluster(options: LivenessOptions): Promise<Membership> {
  const { store, names, workerId, logger } = options;
  const ownKey = names.lockKey('worker', workerId);
  const host = hostname();
  const lockers = new Set<string>();
  const registering = new Map<string, Promise<void>>();
  let leaving = false;

  const saveRow = async (): Promise<void> => {
    await store.pool.query(
      `INSERT INTO ${names.workers} (worker_id, graphile_worker_ids, host, pid) VALUES ($1, $2::text[], $3, $4)
       ON CONFLICT (worker_id) DO UPDATE SET graphile_worker_ids = excluded.graphile_worker_ids`,
      [workerId, [...lockers], host, process.pid],
    );
  };

  /** Connects the liveness client and takes this worker's lock (retrying while a sweeper holds it for a moment). */
  const connect = async (first: boolean): Promise<{ client: pg.Client; watch: WatchedClient }> => {
    const client = await store.connect(`join the cluster as worker ${workerId}`);
    const watch = watchClient(client);
    try {
      if (first) await options.prepare(client);
      for (;;) {
        const [row] = (await client.query<{ locked: boolean }>(tryLockSql(), [ownKey])).rows;
        if (row?.locked === true) break;
        if (first) {
          throw clusterError(clusterErrorCodes.badOptions, `The worker id ${workerId} is in use by another live worker of this cluster.`);
        }
        await sleep(options.reconnectMs);
      }
      await saveRow();
      return { client, watch };
    } catch (error) {
      await watch.end();
      throw error;
    }
  };

  let current = await connect(true);
  let reconnecting: Promise<void> | undefined;

  const reconnect = async (): Promise<void> => {
    while (!leaving) {
      await sleep(options.reconnectMs);
      if (leaving) return;
      try {
        current = await connect(false);
        watchForBreak();
        logger.info({ workerId }, 'The liveness connection is back; this worker is registered again');
        return;
      } catch (error) {
        logger.warn({ workerId, error: store.describeError(error, 'reconnect the liveness connection').message }, 'Could not reconnect the liveness connection; retrying');
      }
    }
  };

  function watchForBreak(): void {
    const watched = current;
    void watched.watch.broken.then((error) => {
      if (leaving || watched !== current) return;
      logger.error(
        { workerId, error: store.describeError(error, 'keep the liveness connection').message },
        'This worker lost its liveness connection: other workers may release its running jobs; reconnecting',
      );
      reconnecting = reconnect().finally(() => {
        reconnecting = undefined;
      });
    });
  }
  watchForBreak();

  const releaseGone = async (client: pg.Client, goneId: string): Promise<void> => {
    const key = names.lockKey('worker', goneId);
    const [lock] = (await client.query<{ locked: boolean }>(tryLockSql(), [key])).rows;
    if (lock?.locked !== true) return;
    try {
      // Re-read the ids under the lock: the row may have gained one after the list was read.
      const { rows } = await store.pool.query<{ lockers: string[] }>(
        `WITH gone AS (DELETE FROM ${names.workers} WHERE worker_id = $1 RETURNING graphile_worker_ids)
         SELECT gone.graphile_worker_ids AS lockers, ${names.quotedSchema}.force_unlock_workers(gone.graphile_worker_ids),
                pg_notify('jobs:insert', $2) FROM gone`,
        [goneId, JSON.stringify({ count: options.wake })],
      );
      if (rows[0] !== undefined) logger.info({ workerId, gone: goneId, lockers: rows[0].lockers }, 'A worker is gone; its jobs are released to the others');
    } finally {
      await client.query(unlockSql(), [key]);
    }
  };

  return {
    async registerLocker(lockerId) {
      const pending = registering.get(lockerId);
      if (pending !== undefined) return pending;
      lockers.add(lockerId);
      const attempt = (async () => {
        for (;;) {
          try {
            await saveRow();
            return;
          } catch (error) {
            if (leaving) throw error;
            logger.warn({ workerId, error: store.describeError(error, 'register a job locker').message }, 'Could not register a job locker; retrying');
            await sleep(options.reconnectMs);
          }
        }
      })();
      registering.set(lockerId, attempt);
      attempt.catch(() => registering.delete(lockerId));
      return attempt;
    },
    async sweep() {
      if (leaving || current.watch.isBroken()) return;
      const { client } = current;
      const { rows } = await store.pool.query<{ worker_id: string }>(`SELECT worker_id FROM ${names.workers} WHERE worker_id <> $1`, [workerId]);
      for (const row of rows) {
        if (leaving || current.client !== client) return;
        await releaseGone(client, row.worker_id);
      }
    },
    async members() {
      const { rows } = await store.pool.query<{ worker_id: string; host: string; pid: number; started_at: number }>(
        `SELECT worker_id, host, pid, (extract(epoch FROM started_at) * 1000)::float8 AS started_at
         FROM ${names.workers} ORDER BY started_at, worker_id`,
      );
      return rows.map((row) => ({ workerId: row.worker_id, host: row.host, pid: row.pid, startedAt: Math.round(row.started_at) }));
    },
    async leave() {
      if (leaving) return;
      leaving = true;
      await reconnecting;
      const { client, watch } = current;
      try {
        await store.pool.query(`DELETE FROM ${names.workers} WHERE worker_id = $1`, [workerId]);
        if (!watch.isBroken()) await client.query(unlockSql(), [ownKey]);
      } finally {
        await watch.end();
      }
    },
  };
}
