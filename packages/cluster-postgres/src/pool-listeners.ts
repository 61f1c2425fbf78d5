import type { Logger } from '@downcity/core';
import type pg from 'pg';

/**
 * Makes sure a broken connection of the store's pool is logged instead of crashing the process: an `error`
 * listener on the pool (idle clients) and on every client it connects (checked-out clients). Graphile Worker
 * warns on the console about a pool without them. Listeners already there are left alone. Returns a function
 * that removes what it added.
 *
 * @param pool - the store's pool
 * @param logger - where connection failures are logged
 */
export function guardPool(pool: pg.Pool, logger: Logger): () => void {
  const onError = (error: Error): void => logger.warn({ error: error.message }, 'A pooled PostgreSQL connection failed; the pool replaces it');
  const onConnect = (client: pg.PoolClient): void => {
    client.on('error', onError);
  };
  const removers: Array<() => void> = [];
  if (pool.listenerCount('error') === 0) {
    pool.on('error', onError);
    removers.push(() => pool.off('error', onError));
  }
  if (pool.listenerCount('connect') === 0) {
    pool.on('connect', onConnect);
    removers.push(() => pool.off('connect', onConnect));
  }
  return () => {
    for (const remove of removers) remove();
  };
}
