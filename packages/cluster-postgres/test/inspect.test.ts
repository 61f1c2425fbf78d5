import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@downcity/testing/postgres';
import { inspectPostgresCluster } from '../src/index.js';
import { killChildWorkers, startChildWorker } from './child-worker.js';
import { closeWorkers, openWorkers } from './workers.js';

const database = await createTestDatabase();
afterAll(() => database.drop());

/** The error `promise` rejects with; fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}
afterEach(async () => {
  await killChildWorkers();
  await closeWorkers();
});

describe('inspectPostgresCluster', () => {
  it('finds no queue and no worker in a new schema, then the live workers, without joining', async () => {
    const storeSchema = database.schema();
    const schema = `${storeSchema}_worker`;
    expect(await inspectPostgresCluster({ connectionString: database.url, schema })).toEqual({ schema, queueInstalled: false, queueVersion: undefined, members: [], gone: 0 });

    const workers = await openWorkers(database, 2, { storeSchema, schema });
    const report = await inspectPostgresCluster({ connectionString: database.url, schema });
    expect(report.queueInstalled).toBe(true);
    expect(report.queueVersion).toBeGreaterThan(0);
    expect(report.members.map((member) => member.workerId).sort()).toEqual(workers.map((worker) => worker.cluster.workerId).sort());
    expect(report.members[0]).toMatchObject({ host: expect.any(String), pid: process.pid, startedAt: expect.any(Number) });
    // Looking did not join: the workers still see only themselves.
    expect(await workers[0]!.cluster.members()).toHaveLength(2);
  });

  it('does not count a worker whose process died as live', async () => {
    const storeSchema = database.schema();
    const schema = `${storeSchema}_worker`;
    const child = await startChildWorker(database, { storeSchema, schema, mode: 'job', task: 'test/idle' });
    expect((await inspectPostgresCluster({ connectionString: database.url, schema })).members.map((member) => member.workerId)).toEqual([child.workerId]);
    await child.kill();
    // No live worker has swept it yet: it is still registered, but gone.
    expect(await inspectPostgresCluster({ connectionString: database.url, schema })).toMatchObject({ members: [], gone: 1 });
  });

  it('fails clearly without the password for a wrong password and a port nothing listens on', async () => {
    const wrong = new URL(database.url);
    wrong.password = 'Not-The-Password-4711';
    const denied = await rejection(inspectPostgresCluster({ connectionString: wrong.toString() }));
    expect(denied.code).toBe('STORE_AUTH_FAILED');
    expect(denied.message).not.toContain('Not-The-Password-4711');

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const unreachable = new URL(database.url);
    unreachable.port = String(port);
    const refused = await rejection(inspectPostgresCluster({ connectionString: unreachable.toString() }));
    expect(refused.code).toBe('STORE_UNREACHABLE');
  });
});
