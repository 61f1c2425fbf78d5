import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@downcity/testing/postgres';
import { createPostgresStore } from '@downcity/store-postgres';
import { createPostgresCluster } from '../src/index.js';
import { closeWorkers, eventually, openWorkers, quiet } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());
afterEach(() => closeWorkers());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('closing a postgres cluster', () => {
  it('waits for a running job, leaves, gives up its leases and connections, and leaves the store open', async () => {
    const [worker, other] = await openWorkers(database, 2);
    const { cluster, store } = worker!;
    const done: number[] = [];
    let started = false;
    let finish!: () => void;
    const finishing = new Promise<void>((resolve) => (finish = resolve));
    cluster.handle('test/slow', async (_payload, run) => {
      started = true;
      await finishing;
      done.push(run.attempt);
    });
    let lost = 0;
    cluster.hold('lease', { acquired: async () => undefined, lost: async () => void (lost += 1) });
    await cluster.subscribe('t', () => undefined);
    await cluster.run();
    await cluster.enqueue({ task: 'test/slow', payload: {} });
    await eventually('the job to start', () => started);

    const closed = Promise.all([cluster.close(), cluster.close()]);
    await pause(100);
    expect(done).toEqual([]); // close waits for it
    finish();
    await closed;
    expect(done).toEqual([1]);
    expect(lost).toBe(1);
    expect(await database.query(`SELECT id FROM "${store.schema}_worker".jobs`)).toEqual([]);
    expect((await other!.cluster.members()).map((member) => member.workerId)).toEqual([other!.cluster.workerId]);
    // No session of this database listens or holds an advisory lock but the other worker's liveness lock.
    expect(await database.query(`SELECT query FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)).toEqual([]);
    const locks = `SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(await database.query(locks)).toHaveLength(1);
    // The store's pool is the store's: still open.
    await store.sessions.ensure({ id: 'chat:after-close', kind: 'chat' });
    await expect(cluster.enqueue({ task: 'test/slow', payload: {} })).rejects.toMatchObject({ code: 'CLUSTER_NOT_OPEN' });
    await cluster.close(); // idempotent
  });

  it('hands a job that fails on stop back with its place in its queue: the next worker runs it before the jobs behind it', async () => {
    const [stopping, survivor] = await openWorkers(database, 2);
    const agentSignal = new AbortController();
    const runs: string[] = [];
    stopping!.cluster.handle('chat/turn', async (payload, run) => {
      runs.push(`stopping turn ${String(payload.turn)} attempt ${run.attempt}`);
      // A turn that stops when the agent does, as chat's turns do.
      await new Promise((_, reject) => agentSignal.signal.addEventListener('abort', () => reject(new Error('The agent is stopping.'))));
    });
    survivor!.cluster.handle('chat/turn', async (payload, run) => {
      runs.push(`survivor turn ${String(payload.turn)} attempt ${run.attempt}`);
    });
    for (const turn of [1, 2, 3]) await stopping!.cluster.enqueue({ task: 'chat/turn', payload: { turn }, queue: 'chat:telegram:7' });
    await stopping!.cluster.run();
    await eventually('the first turn to start', () => runs.length === 1);
    await survivor!.cluster.run();
    // What the agent's stop does: abort its signal, then close the cluster first, in the same tick.
    agentSignal.abort();
    await stopping!.cluster.close();
    await eventually('the survivor to run every turn', () => runs.length === 4);
    expect(runs).toEqual(['stopping turn 1 attempt 1', 'survivor turn 1 attempt 2', 'survivor turn 2 attempt 1', 'survivor turn 3 attempt 1']);
  });

  it('gives up a job whose handler never ends; another worker runs it again', async () => {
    const [stopping, survivor] = await openWorkers(database, 2);
    const attempts: string[] = [];
    stopping!.cluster.handle('test/stuck', async (_payload, run) => {
      attempts.push(`stopping ${run.attempt}`);
      await new Promise(() => undefined);
    });
    survivor!.cluster.handle('test/stuck', async (_payload, run) => {
      attempts.push(`survivor ${run.attempt}`);
    });
    await stopping!.cluster.enqueue({ task: 'test/stuck', payload: {}, queue: 'q' });
    await stopping!.cluster.enqueue({ task: 'test/stuck', payload: {}, queue: 'q' });
    await stopping!.cluster.run();
    await eventually('the stuck job to start', () => attempts.length === 1);
    await survivor!.cluster.run();
    await stopping!.cluster.close();
    await eventually('the survivor to run both', () => attempts.length === 3);
    expect(attempts).toEqual(['stopping 1', 'survivor 2', 'survivor 1']);
  });

  it('opens again after a close', async () => {
    const [worker] = await openWorkers(database, 1);
    await worker!.cluster.close();
    await worker!.cluster.open();
    expect((await worker!.cluster.members()).map((member) => member.workerId)).toEqual([worker!.cluster.workerId]);
  });
});

describe('postgres cluster errors never show the password', () => {
  const password = decodeURIComponent(new URL(database.url).password);

  it('says what to fix when its connections are refused (the password was rotated)', async () => {
    const schema = database.schema();
    const store = createPostgresStore({ connectionString: database.url, schema });
    await store.open();
    try {
      const rotated = new URL(database.url);
      rotated.password = 'rotated-Secret-9f2c';
      store.pool.options.connectionString = rotated.toString();
      const cluster = createPostgresCluster({ store, schema: `${schema}_worker`, logger: quiet });
      const error = await cluster.open().then(
        () => undefined,
        (caught: unknown) => caught as Error & { code?: string },
      );
      expect(error?.code).toBe('STORE_AUTH_FAILED');
      expect(error?.message).toContain('Could not join the cluster');
      expect(error?.message).toContain('Check the user name and password');
      expect(error?.message).not.toContain(password);
      expect(error?.message).not.toContain('rotated-Secret-9f2c');
    } finally {
      await store.close();
    }
  });

  it('keeps it out of every log line', () => {
    expect(quiet.lines.length).toBeGreaterThan(0);
    for (const line of quiet.lines) expect(JSON.stringify(line)).not.toContain(password);
  });
});
