import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ClusterJobRun, createMemoryStore, type JsonObject } from '@downcity/core';
import { createTestDatabase } from '@downcity/testing/postgres';
import { createPostgresStore } from '@downcity/store-postgres';
import { clusterErrorCodes, createPostgresCluster } from '../src/index.js';
import { closeWorkers, eventually, openWorkers, quiet } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());
afterEach(() => closeWorkers());


async function failure(work: () => unknown): Promise<Error & { code?: string }> {
  try {
    await work();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('postgres cluster jobs', () => {
  it('runs the jobs of one queue one at a time, in order, across three workers; jobs without a queue in parallel', async () => {
    const workers = await openWorkers(database, 3, { concurrency: 4 });
    // One process hosts the three workers, so this log's order is the true order of starts and ends.
    const log: Array<{ queue: string; n: number; edge: 'start' | 'end'; workerId: string }> = [];
    // The free jobs wait for each other: they can only all end if all four run at the same time.
    let running = 0;
    let allRunning!: () => void;
    const together = new Promise<void>((resolve) => (allRunning = resolve));
    for (const { cluster } of workers) {
      cluster.handle('test/queued', async (payload, run) => {
        const { queue, n } = payload as { queue: string; n: number };
        log.push({ queue, n, edge: 'start', workerId: run.workerId });
        await pause(5 + ((n * 7) % 20));
        log.push({ queue, n, edge: 'end', workerId: run.workerId });
      });
      cluster.handle('test/free', async () => {
        running += 1;
        if (running === 4) allRunning();
        await together;
      });
    }
    const queues = ['session-a', 'session-b', 'session-c', 'session-d', 'session-e'];
    const perQueue = 8;
    for (let n = 0; n < perQueue; n += 1) {
      for (const queue of queues) await workers[n % 3]!.cluster.enqueue({ task: 'test/queued', payload: { queue, n }, queue });
    }
    for (let n = 0; n < 4; n += 1) await workers[0]!.cluster.enqueue({ task: 'test/free', payload: { n } });
    await Promise.all(workers.map(({ cluster }) => cluster.run()));

    await eventually('every queued job to end', () => log.filter((entry) => entry.edge === 'end').length === queues.length * perQueue);
    for (const queue of queues) {
      const edges = log.filter((entry) => entry.queue === queue).map((entry) => `${entry.edge} ${entry.n}`);
      const expected = Array.from({ length: perQueue }, (_, n) => [`start ${n}`, `end ${n}`]).flat();
      expect(edges, `queue ${queue}`).toEqual(expected);
    }
    await eventually('the four free jobs to run at once', () => running === 4, 45_000);
    expect(new Set(log.map((entry) => entry.workerId)).size).toBeGreaterThan(1);
  });

  it('stores an entry and its job together; a duplicate id stores and adds nothing', async () => {
    const [worker] = await openWorkers(database, 1);
    const { cluster, store } = worker!;
    const entry = { collection: 'chat:inbox', id: 'telegram:update:7', value: { text: 'hello' } };
    const job = { task: 'chat/turn', payload: { inbox: 'telegram:update:7' }, queue: 'chat:telegram:42' };
    expect(await cluster.insertAndEnqueue(entry, job)).toBe(true);
    expect(await cluster.insertAndEnqueue({ ...entry, value: { text: 'again' } }, job)).toBe(false);
    expect(await store.collection('chat:inbox').get('telegram:update:7')).toEqual({ text: 'hello' });
    const schema = `${store.schema}_worker`;
    expect(await database.query(`SELECT task_identifier, queue_name FROM "${schema}".jobs`)).toEqual([
      { task_identifier: 'chat/turn', queue_name: 'chat:telegram:42' },
    ]);

    const runs: JsonObject[] = [];
    cluster.handle('chat/turn', async (payload) => {
      runs.push(payload);
    });
    await cluster.run();
    await eventually('the job to run', () => runs.length === 1);
    expect(runs).toEqual([{ inbox: 'telegram:update:7' }]);
  });

  it('stores neither the entry nor the job when adding the job fails', async () => {
    const [worker] = await openWorkers(database, 1);
    const { cluster, store } = worker!;
    // A job whose queue name breaks one of Graphile's own rules fails inside the transaction, after the insert.
    await database.query(`ALTER TABLE "${store.schema}_worker"._private_job_queues ADD CONSTRAINT no_forbidden CHECK (queue_name <> 'forbidden')`);
    const error = await failure(() =>
      cluster.insertAndEnqueue({ collection: 'chat:inbox', id: 'm1', value: { text: 'x' } }, { task: 'chat/turn', payload: {}, queue: 'forbidden' }),
    );
    expect(error.message).toContain('Could not insert chat:inbox/m1 and add its chat/turn job');
    expect(await store.collection('chat:inbox').get('m1')).toBeUndefined();
    expect(await database.query(`SELECT id FROM "${store.schema}_worker".jobs`)).toEqual([]);
  });

  it('adds one job per key while it exists, and tells the handler about its attempt', async () => {
    const [worker] = await openWorkers(database, 1);
    const { cluster } = worker!;
    const runAt = Date.now() + 300;
    await cluster.enqueue({ task: 'task/remind', payload: { v: 1 }, key: 'reminder:1', runAt, maxAttempts: 3 });
    await cluster.enqueue({ task: 'task/remind', payload: { v: 2 }, key: 'reminder:1', runAt, maxAttempts: 3 });
    const runs: Array<{ payload: JsonObject; run: ClusterJobRun }> = [];
    cluster.handle('task/remind', async (payload, run) => {
      runs.push({ payload, run });
    });
    await cluster.run();
    await eventually('the job to run', () => runs.length === 1);
    await pause(300);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.payload).toEqual({ v: 1 });
    expect(runs[0]?.run).toMatchObject({ attempt: 1, maxAttempts: 3, runnableAt: runAt, workerId: cluster.workerId });
    expect(runs[0]?.run.jobId).toMatch(/^\d+$/);
  });

  it('tries a job whose handler throws again, with the next attempt', async () => {
    const [worker] = await openWorkers(database, 1);
    const { cluster } = worker!;
    const attempts: number[] = [];
    cluster.handle('test/flaky', async (_payload, run) => {
      attempts.push(run.attempt);
      if (run.attempt === 1) throw new Error('the model timed out');
    });
    await cluster.enqueue({ task: 'test/flaky', payload: {} });
    await cluster.run();
    await eventually('the second attempt', () => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
  });

  it('lists its workers and forgets one that closes', async () => {
    const workers = await openWorkers(database, 2);
    const members = await workers[0]!.cluster.members();
    expect(members.map((member) => member.workerId).sort()).toEqual(workers.map(({ cluster }) => cluster.workerId).sort());
    expect(members[0]).toMatchObject({ pid: process.pid, host: expect.any(String), startedAt: expect.any(Number) });
    await workers[1]!.cluster.close();
    await workers[1]!.cluster.close(); // idempotent
    expect((await workers[0]!.cluster.members()).map((member) => member.workerId)).toEqual([workers[0]!.cluster.workerId]);
  });
});

describe('postgres cluster refuses what it cannot do, and says what to do', () => {
  it('needs the postgres store', () => {
    const error = (() => {
      try {
        createPostgresCluster({ store: createMemoryStore() });
      } catch (caught) {
        return caught as Error & { code?: string };
      }
      throw new Error('expected a failure');
    })();
    expect(error.code).toBe(clusterErrorCodes.badOptions);
    expect(error.message).toContain('createPostgresStore');
  });

  it('needs the store opened first, and itself opened before use', async () => {
    const store = createPostgresStore({ connectionString: database.url, schema: database.schema() });
    const cluster = createPostgresCluster({ store, logger: quiet });
    expect((await failure(() => cluster.open())).message).toContain('call `await store.open()` first');
    const early = await failure(() => cluster.enqueue({ task: 'chat/turn', payload: {} }));
    expect(early.code).toBe(clusterErrorCodes.notOpen);
    expect(early.message).toContain('await cluster.open()');
  });

  it('refuses bad jobs and late or double handlers', async () => {
    const [worker] = await openWorkers(database, 1);
    const { cluster } = worker!;
    const bad = [
      { task: '', payload: {} },
      { task: 'chat/turn', payload: [] as unknown as JsonObject },
      { task: 'chat/turn', payload: {}, maxAttempts: 0 },
      { task: 'chat/turn', payload: {}, runAt: Number.NaN },
      { task: 'chat/turn', payload: {}, queue: 'q'.repeat(129) },
    ];
    for (const job of bad) expect((await failure(() => cluster.enqueue(job))).code).toBe(clusterErrorCodes.invalidInput);
    cluster.handle('chat/turn', async () => undefined);
    expect((await failure(() => cluster.handle('chat/turn', async () => undefined))).code).toBe(clusterErrorCodes.badHandler);
    await cluster.run();
    const late = await failure(() => cluster.handle('chat/late', async () => undefined));
    expect(late.code).toBe(clusterErrorCodes.badHandler);
    expect(late.message).toContain('before the agent runs the cluster');
  });
});
