import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Cluster, LeaseHolder } from '@downcity/core';
import { createTestDatabase } from '@downcity/testing/postgres';
import { killChildWorkers, startChildWorker } from './child-worker.js';
import { closeWorkers, eventually, openWorkers } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());
afterEach(async () => {
  await killChildWorkers();
  await closeWorkers();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A holder that records its calls; `failFirst` makes its first `acquired()` throw. */
function recordingHolder(name: string, log: string[], options: { failFirst?: boolean } = {}): LeaseHolder {
  let calls = 0;
  return {
    async acquired() {
      calls += 1;
      if (options.failFirst === true && calls === 1) {
        log.push(`${name} failed`);
        throw new Error('the bot token was refused');
      }
      log.push(`${name} acquired`);
    },
    async lost() {
      log.push(`${name} lost`);
    },
  };
}

/** Who holds a lease now: the entries acquired and not lost since. */
function holders(log: string[]): string[] {
  const held = new Set<string>();
  for (const entry of log) {
    const [who, what] = entry.split(' ');
    if (what === 'acquired') held.add(who!);
    if (what === 'lost') held.delete(who!);
  }
  return [...held];
}

/** Terminates the server session holding the lease, as a failover or an operator would. */
async function terminateLeaseSession(schema: string, lease: string): Promise<number> {
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ terminated: boolean }>(
      `WITH key AS (SELECT hashtextextended($1, 0) AS k)
       SELECT pg_terminate_backend(l.pid) AS terminated FROM pg_locks l, key
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
         AND l.classid::bigint = ((key.k >> 32) & 4294967295) AND l.objid::bigint = (key.k & 4294967295)`,
      [`${schema}:lease:${lease}`],
    );
    return rows.filter((row) => row.terminated).length;
  } finally {
    await admin.end();
  }
}

describe('postgres cluster leases', () => {
  it('gives a lease to exactly one of two workers, and to the other when the holder closes', async () => {
    const [first, second] = await openWorkers(database, 2);
    const log: string[] = [];
    first!.cluster.hold('chat/connection/telegram:1', recordingHolder('first', log));
    second!.cluster.hold('chat/connection/telegram:1', recordingHolder('second', log));
    await eventually('a holder', () => holders(log).length === 1);
    await pause(1000); // five retries of the other worker
    expect(holders(log)).toHaveLength(1);
    const [holder] = holders(log);
    const [closing, other] = holder === 'first' ? [first!, 'second'] : [second!, 'first'];
    await closing.cluster.close();
    expect(log).toContain(`${holder} lost`);
    await eventually('the other worker to take over', () => holders(log)[0] === other);
    expect(log.filter((entry) => entry.endsWith('acquired'))).toEqual([`${holder} acquired`, `${other} acquired`]);
  });

  it('gives a lease up when asked: lost, then the other worker takes it', async () => {
    const [first, second] = await openWorkers(database, 2);
    const log: string[] = [];
    const giveUp = first!.cluster.hold('task/scheduler', recordingHolder('first', log));
    await eventually('the first to hold', () => holders(log)[0] === 'first');
    second!.cluster.hold('task/scheduler', recordingHolder('second', log));
    await giveUp();
    await giveUp(); // idempotent
    expect(log.slice(0, 2)).toEqual(['first acquired', 'first lost']);
    await eventually('the second to take over', () => holders(log)[0] === 'second');
  });

  it('gives the lease back when acquired() throws, and tries again later', async () => {
    const [worker] = await openWorkers(database, 1);
    const log: string[] = [];
    worker!.cluster.hold('chat/connection/feishu:1', recordingHolder('only', log, { failFirst: true }));
    await eventually('a second try', () => holders(log)[0] === 'only');
    expect(log).toEqual(['only failed', 'only acquired']);
  });

  it('calls lost() when the lease connection breaks, then competes again', async () => {
    const [worker] = await openWorkers(database, 1);
    const log: string[] = [];
    worker!.cluster.hold('chat/connection/qq:1', recordingHolder('only', log));
    await eventually('the lease', () => holders(log)[0] === 'only');
    expect(await terminateLeaseSession(`${worker!.store.schema}_worker`, 'chat/connection/qq:1')).toBe(1);
    await eventually('the lease again', () => log.length === 3);
    expect(log).toEqual(['only acquired', 'only lost', 'only acquired']);
  });

  it('frees the lease of a worker process that dies', async () => {
    const storeSchema = database.schema();
    const schema = `${storeSchema}_worker`;
    const child = await startChildWorker(database, { storeSchema, schema, mode: 'lease', lease: 'chat/connection/telegram:2' });
    await child.waitFor('acquired');
    const [survivor] = await openWorkers(database, 1, { storeSchema, schema });
    const log: string[] = [];
    survivor!.cluster.hold('chat/connection/telegram:2', recordingHolder('survivor', log));
    await pause(1000);
    expect(log).toEqual([]);
    await child.kill();
    await eventually('the survivor to take over', () => holders(log)[0] === 'survivor');
  });

  it('refuses a lease before open and a holder without methods', async () => {
    const [worker] = await openWorkers(database, 1);
    const cluster: Cluster = worker!.cluster;
    expect(() => cluster.hold('x', {} as LeaseHolder)).toThrow(/acquired\(\) and lost\(\)/);
    await cluster.close();
    expect(() => cluster.hold('x', recordingHolder('x', []))).toThrow(expect.objectContaining({ code: 'CLUSTER_NOT_OPEN' }));
  });
});
