import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ClusterJobRun, JsonObject } from '@downcity/core';
import { createTestDatabase } from '@downcity/testing/postgres';
import { killChildWorkers, startChildWorker } from './child-worker.js';
import { closeWorkers, eventually, openWorkers, quiet } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());
afterEach(async () => {
  await killChildWorkers();
  await closeWorkers();
});

describe('a worker process that dies', () => {
  it('leaves its running job to a surviving worker, which runs it again as attempt 2, and the rest of its queue after it', async () => {
    const storeSchema = database.schema();
    const schema = `${storeSchema}_worker`;
    const [survivor] = await openWorkers(database, 1, { storeSchema, schema });
    const { cluster } = survivor!;
    const child = await startChildWorker(database, { storeSchema, schema, mode: 'job', task: 'test/long' });
    expect((await cluster.members()).map((member) => member.workerId).sort()).toEqual([cluster.workerId, child.workerId].sort());

    // Only the child takes jobs yet: it starts the first job of the session's queue and never finishes it.
    await cluster.enqueue({ task: 'test/long', payload: { turn: 1 }, queue: 'chat:42', maxAttempts: 5 });
    await cluster.enqueue({ task: 'test/long', payload: { turn: 2 }, queue: 'chat:42', maxAttempts: 5 });
    const started = await child.waitFor('started');
    expect(started).toMatchObject({ attempt: 1, payload: { turn: 1 } });

    const runs: Array<{ payload: JsonObject; run: ClusterJobRun }> = [];
    cluster.handle('test/long', async (payload, run) => {
      runs.push({ payload, run });
    });
    await cluster.run();
    await child.kill();

    // Graphile alone would keep the job and its queue locked for 4 hours; the sweeper releases both once the
    // child's lock is free.
    await eventually('the survivor to run both turns', () => runs.length === 2);
    expect(runs).toEqual([
      { payload: { turn: 1 }, run: expect.objectContaining({ jobId: started.jobId, attempt: 2, maxAttempts: 5, workerId: cluster.workerId }) },
      { payload: { turn: 2 }, run: expect.objectContaining({ attempt: 1, workerId: cluster.workerId }) },
    ]);
    expect(child.events.filter((line) => line.event === 'started')).toHaveLength(1);
    expect((await cluster.members()).map((member) => member.workerId)).toEqual([cluster.workerId]);
    expect(quiet.lines.some((line) => line.message.includes('A worker is gone') && line.fields.gone === child.workerId)).toBe(true);
  });

  it('never releases the jobs of a worker that is alive', async () => {
    const storeSchema = database.schema();
    const schema = `${storeSchema}_worker`;
    const [watcher] = await openWorkers(database, 1, { storeSchema, schema });
    const child = await startChildWorker(database, { storeSchema, schema, mode: 'job', task: 'test/long' });
    await watcher!.cluster.enqueue({ task: 'test/long', payload: {} });
    await child.waitFor('started');
    const runs: number[] = [];
    watcher!.cluster.handle('test/long', async (_payload, run) => {
      runs.push(run.attempt);
    });
    await watcher!.cluster.run();
    // Many sweeps (every 200 ms) pass while the child lives and holds its job; none takes it from the child.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(runs).toEqual([]);
    expect((await watcher!.cluster.members()).map((member) => member.workerId)).toContain(child.workerId);
    expect(child.events.filter((line) => line.event === 'started')).toHaveLength(1);
  });
});
