import type { LeaseHolder, Logger } from '@downcity/core';
import type { PostgresStore } from '@downcity/store-postgres';
import type pg from 'pg';
import { type WatchedClient, watchClient } from './dedicated-client.js';
import { type ClusterNames, tryLockSql, unlockSql } from './names.js';
import { sleep } from './sleep.js';

/** What {@link holdLease} needs. */
export interface LeaseOptions {
  /** The opened store whose database the cluster shares. */
  store: PostgresStore;
  /** The cluster's names. */
  names: ClusterNames;
  /** The pause between tries while another worker holds the lease, and between checks of the held connection. */
  retryMs: number;
  /** Where the lease's changes and troubles are logged. */
  logger: Logger;
}

/** The least time a held lease's connection is given to answer its check before it counts as dead. */
const MIN_ANSWER_MS = 5000;

/** Whether `client` answers a trivial query within `ms`. */
async function answers(client: pg.Client, ms: number): Promise<boolean> {
  const timeout = new AbortController();
  const answered = client.query('SELECT 1').then(
    () => true,
    () => false,
  );
  const result = await Promise.race([answered, sleep(ms, timeout.signal).then(() => false)]);
  timeout.abort();
  return result;
}

/** Calls `holder.lost`, which must not throw; a throw is logged. */
async function callLost(holder: LeaseHolder, logger: Logger, name: string): Promise<void> {
  try {
    await holder.lost();
  } catch (error) {
    logger.error({ lease: name, error: (error as Error).message }, 'A lease holder threw from lost(); it must not');
  }
}

/**
 * Competes for the lease `name` until the returned function is called. The lease is a session-level advisory
 * lock (key: hash of `<schema>:lease:<name>`) on a connection of its own, so it is free as soon as the
 * holding worker's connection dies. Every `retryMs` the lease tries the lock; once it has it, it calls
 * `holder.acquired()` (a throw gives the lock back and it tries again later), then checks the connection
 * every `retryMs`. When the connection fails or ends it calls `holder.lost()`, connects again and competes
 * again. The returned function stops competing: it calls `lost()` when held, gives the lock back and ends the
 * connection.
 *
 * @param options - see {@link LeaseOptions}
 * @param name - the lease's name
 * @param holder - what starts and stops with the lease
 */
export function holdLease(options: LeaseOptions, name: string, holder: LeaseHolder): () => Promise<void> {
  const { store, logger, retryMs } = options;
  const key = options.names.lockKey('lease', name);
  const stop = new AbortController();

  /** Owns the lock on `client` until the connection breaks or the lease is given up. */
  const own = async (client: pg.Client, watch: WatchedClient): Promise<void> => {
    try {
      await holder.acquired();
    } catch (error) {
      logger.warn({ lease: name, error: (error as Error).message }, 'The lease holder failed to start; giving the lease back and trying again later');
      if (!watch.isBroken()) await client.query(unlockSql(), [key]);
      return;
    }
    logger.info({ lease: name }, 'This worker holds the lease');
    while (!stop.signal.aborted && !watch.isBroken()) {
      await Promise.race([sleep(retryMs, stop.signal), watch.broken]);
      if (stop.signal.aborted || watch.isBroken()) break;
      // A connection that died without a word (a network partition) shows up here, not as an event.
      if (!(await answers(client, Math.max(5 * retryMs, MIN_ANSWER_MS)))) watch.fail(new Error('the connection stopped answering'));
    }
    if (!stop.signal.aborted) logger.warn({ lease: name }, 'This worker lost the lease: its connection broke');
    await callLost(holder, logger, name);
    if (stop.signal.aborted && !watch.isBroken()) await client.query(unlockSql(), [key]).catch(() => undefined);
  };

  const compete = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      let connection: { client: pg.Client; watch: WatchedClient } | undefined;
      try {
        const client = await store.connect(`hold the lease "${name}"`);
        connection = { client, watch: watchClient(client) };
        while (!stop.signal.aborted && !connection.watch.isBroken()) {
          const [row] = (await client.query<{ locked: boolean }>(tryLockSql(), [key])).rows;
          if (row?.locked === true) await own(client, connection.watch);
          if (stop.signal.aborted || connection.watch.isBroken()) break;
          await Promise.race([sleep(retryMs, stop.signal), connection.watch.broken]);
        }
      } catch (error) {
        if (!stop.signal.aborted) logger.warn({ lease: name, error: store.describeError(error, `hold the lease "${name}"`).message }, 'Could not compete for the lease; retrying');
      } finally {
        await connection?.watch.end();
      }
      if (!stop.signal.aborted) await sleep(retryMs, stop.signal);
    }
  };

  const competing = compete();
  let released: Promise<void> | undefined;
  return () => {
    released ??= (async () => {
      stop.abort();
      await competing;
    })();
    return released;
  };
}
