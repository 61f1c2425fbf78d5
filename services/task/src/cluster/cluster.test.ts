import { createTestDatabase, type TestDatabase } from '@downcity/testing/postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { deferred } from '../../test/helpers.js';
import { eventually, finalRun, runsOf, startClusterWorkers, stopClusterWorkers, type ClusterWorker } from '../../test/cluster-workers.js';
import type { ScriptHandler } from '../runs/script-handler.js';
import { createFakeClock } from '../testing.js';
import type { TaskSpecInput } from '../tasks/task-spec.js';

// Fails the file, saying how to get a database, when DOWNCITY_TEST_DATABASE_URL is not set.
const database: TestDatabase = await createTestDatabase();
afterAll(async () => {
  await database.drop();
});

const workers: ClusterWorker[] = [];
afterEach(async () => {
  await stopClusterWorkers(workers);
});

/** Which worker executed which run, one entry per execution (attempt). */
function executions() {
  const log: { runId: string; worker: string; attempt: number }[] = [];
  const count = (runId: string): number => log.filter((entry) => entry.runId === runId).length;
  const handler =
    (name: string, work?: ScriptHandler): ScriptHandler =>
    async (call) => {
      log.push({ runId: call.run.id, worker: name, attempt: call.run.attempt });
      return work ? work(call) : name;
    };
  return { log, count, handler };
}

const slot = (start: string, seconds: number): string => new Date(Date.parse(start) + seconds * 1_000).toISOString();
const everySecond = (id: string, extra: Partial<TaskSpecInput> = {}): TaskSpecInput => ({
  id,
  schedule: { kind: 'interval', everyMs: 1_000 },
  script: { kind: 'handler', name: 'tick' },
  overlap: 'queue',
  ...extra,
});

describe('tasks on three workers of one cluster', { timeout: 60_000 }, () => {
  it('fires each slot of an every-second task exactly once across the workers, and runs it once', async () => {
    const start = '2026-01-05T08:00:00.000Z';
    const clock = createFakeClock(start);
    const ran = executions();
    workers.push(
      ...(await startClusterWorkers(database, { clock, schema: database.schema(), task: { tasks: [everySecond('tick')] }, scripts: (name) => ({ tick: ran.handler(name) }) })),
    );
    // All three started together on an empty store: one schedule phase (the first stored state wins).
    for (const worker of workers) expect((await worker.agent.invoke('task/get', { taskId: 'tick' })).task.nextRunAt).toBe(slot(start, 1));

    const slots = 12;
    for (let second = 1; second <= slots; second++) {
      await clock.advance(1_000);
      await finalRun(workers[second % 3]!.agent, `tick:${slot(start, second)}`);
    }

    const runs = await runsOf(workers[0]!.agent, 'tick');
    expect(runs.map((run) => run.id)).toEqual(Array.from({ length: slots }, (_, index) => `tick:${slot(start, index + 1)}`));
    expect(runs.every((run) => run.status === 'succeeded' && run.trigger === 'schedule' && run.attempt === 1)).toBe(true);
    for (const run of runs) expect({ runId: run.id, executions: ran.count(run.id) }).toEqual({ runId: run.id, executions: 1 });
    expect(ran.log).toHaveLength(slots);
    // The run's output is the name of the worker that ran it: the job ran where the log says.
    for (const run of runs) expect(run.output).toBe(ran.log.find((entry) => entry.runId === run.id)?.worker);
  });

  it('follows a pause made on one worker and a resume made on another; Run now works on a paused task from a third', async () => {
    const start = '2026-01-05T08:00:00.000Z';
    const clock = createFakeClock(start);
    const ran = executions();
    workers.push(
      ...(await startClusterWorkers(database, { clock, schema: database.schema(), task: { tasks: [everySecond('tick')] }, scripts: (name) => ({ tick: ran.handler(name) }) })),
    );
    const [w1, w2, w3] = workers as [ClusterWorker, ClusterWorker, ClusterWorker];
    await clock.advance(1_000);
    await finalRun(w1.agent, `tick:${slot(start, 1)}`);

    expect((await w1.agent.invoke('task/pause', { taskId: 'tick' })).changed).toBe(true);
    // Every worker hears of it: no timer left for the task anywhere.
    for (const worker of workers) {
      await eventually(`${worker.name} to see the pause`, async () => {
        const { task } = await worker.agent.invoke('task/get', { taskId: 'tick' });
        return task.paused !== null && task.nextRunAt === null;
      });
    }
    await clock.advance(5_000);
    const manual = await w3.agent.invoke('task/run', { taskId: 'tick', wait: true });
    expect(manual.run).toMatchObject({ trigger: 'manual', status: 'succeeded' });
    expect(ran.count(manual.run.id)).toBe(1);

    const resumed = await w2.agent.invoke('task/resume', { taskId: 'tick' });
    expect(resumed).toMatchObject({ changed: true, task: { paused: null, nextRunAt: slot(start, 7) } });
    for (const worker of workers) {
      await eventually(`${worker.name} to see the resume`, async () => (await worker.agent.invoke('task/get', { taskId: 'tick' })).task.nextRunAt === slot(start, 7));
    }
    await clock.advance(2_000);
    await finalRun(w1.agent, `tick:${slot(start, 7)}`);
    await finalRun(w1.agent, `tick:${slot(start, 8)}`);

    const runs = await runsOf(w2.agent, 'tick');
    expect(runs.map((run) => [run.trigger, run.status, run.scheduledFor])).toEqual([
      ['schedule', 'succeeded', slot(start, 1)],
      ['manual', 'succeeded', slot(start, 6)],
      ['schedule', 'succeeded', slot(start, 7)],
      ['schedule', 'succeeded', slot(start, 8)],
    ]);
    expect(ran.log).toHaveLength(4);
  });

  it('retries a failed attempt as a new job, times an attempt out, and cancels a run from another worker', async () => {
    const clock = createFakeClock('2026-01-05T08:00:00.000Z');
    const ran = executions();
    const started = { slow: deferred<string>(), hang: deferred<string>() };
    let flakyCalls = 0;
    const hangUntilAborted: ScriptHandler = ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const manual = { schedule: { kind: 'manual' } } as const;
    workers.push(
      ...(await startClusterWorkers(database, {
        clock,
        schema: database.schema(),
        task: {
          tasks: [
            { id: 'flaky', ...manual, script: { kind: 'handler', name: 'flaky' }, retries: { max: 2, backoffMs: 0 } },
            { id: 'slow', ...manual, script: { kind: 'handler', name: 'slow' }, timeoutMs: 5_000, retries: { max: 0 } },
            { id: 'hang', ...manual, script: { kind: 'handler', name: 'hang' } },
          ],
        },
        scripts: (name) => ({
          flaky: ran.handler(name, () => {
            flakyCalls++;
            if (flakyCalls === 1) throw new Error('the first try fails');
            return 'second try';
          }),
          slow: ran.handler(name, (call) => {
            started.slow.resolve(name);
            return hangUntilAborted(call);
          }),
          hang: ran.handler(name, (call) => {
            started.hang.resolve(name);
            return hangUntilAborted(call);
          }),
        }),
      })),
    );
    const [w1, w2] = workers as [ClusterWorker, ClusterWorker, ClusterWorker];

    const flaky = (await w1.agent.invoke('task/run', { taskId: 'flaky', wait: true })).run;
    expect(flaky).toMatchObject({ status: 'succeeded', attempt: 2, output: 'second try' });
    expect(flaky.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.error?.code])).toEqual([
      [1, 'failed', 'SCRIPT_FAILED'],
      [2, 'succeeded', undefined],
    ]);
    expect(ran.log.filter((entry) => entry.runId === flaky.id).map((entry) => entry.attempt)).toEqual([1, 2]);

    const slow = (await w1.agent.invoke('task/run', { taskId: 'slow' })).run;
    await started.slow.promise;
    await clock.advance(5_000);
    expect(await finalRun(w2.agent, slow.id)).toMatchObject({ status: 'timed_out', attempt: 1, error: { code: 'TIMEOUT' } });

    const hang = (await w1.agent.invoke('task/run', { taskId: 'hang' })).run;
    const runner = await started.hang.promise;
    const canceller = workers.find((worker) => worker.name !== runner)!;
    const cancel = await canceller.agent.invoke('task/cancel', { runId: hang.id });
    expect(cancel).toMatchObject({ cancelled: true, run: { status: 'cancelled', error: { code: 'ABORTED', message: `Cancelled by agent.` } } });
    expect(ran.count(hang.id)).toBe(1);
  });

  it('skips a slot whose previous run still runs on another worker (overlap "skip", read from the store)', async () => {
    const start = '2026-01-05T08:00:00.000Z';
    const clock = createFakeClock(start);
    const ran = executions();
    const gate = deferred();
    const first = deferred<string>();
    workers.push(
      ...(await startClusterWorkers(database, {
        clock,
        schema: database.schema(),
        task: { tasks: [everySecond('long', { overlap: 'skip' })] },
        scripts: (name) => ({
          tick: ran.handler(name, async () => {
            first.resolve(name);
            await gate.promise;
            return name;
          }),
        }),
      })),
    );
    await clock.advance(1_000);
    const runner = await first.promise;
    await clock.advance(1_000);
    const skipped = await finalRun(workers[0]!.agent, `long:${slot(start, 2)}`);
    expect(skipped).toMatchObject({ status: 'skipped', error: { code: 'OVERLAP' } });
    gate.resolve();
    expect(await finalRun(workers[1]!.agent, `long:${slot(start, 1)}`)).toMatchObject({ status: 'succeeded', output: runner });
    expect((await runsOf(workers[2]!.agent, 'long')).map((run) => run.status)).toEqual(['succeeded', 'skipped']);
    expect(ran.log.map((entry) => entry.runId)).toEqual([`long:${slot(start, 1)}`]);
  });

  it('keeps the missed-run policy when every worker was down: one catch-up for "run-once", none for "skip"', async () => {
    const clock = createFakeClock('2026-01-05T08:30:00.000Z');
    const ran = executions();
    const schema = database.schema();
    const hourly = (id: string, missed: 'run-once' | 'skip'): TaskSpecInput => ({
      id,
      schedule: { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' },
      script: { kind: 'handler', name: 'tick' },
      missed,
    });
    const options = { clock, schema, task: { tasks: [hourly('once', 'run-once'), hourly('skip', 'skip')] }, scripts: (name: string) => ({ tick: ran.handler(name) }) };
    workers.push(...(await startClusterWorkers(database, options)));
    await clock.advanceTo('2026-01-05T09:00:00Z');
    await finalRun(workers[0]!.agent, 'once:2026-01-05T09:00:00.000Z');
    await finalRun(workers[0]!.agent, 'skip:2026-01-05T09:00:00.000Z');
    await stopClusterWorkers(workers);

    await clock.advanceTo('2026-01-05T12:30:00Z');
    workers.push(...(await startClusterWorkers(database, { ...options, names: ['w4', 'w5', 'w6'] })));
    await finalRun(workers[0]!.agent, 'once:2026-01-05T12:00:00.000Z');
    await clock.advanceTo('2026-01-05T13:00:00Z');
    await finalRun(workers[1]!.agent, 'once:2026-01-05T13:00:00.000Z');
    await finalRun(workers[1]!.agent, 'skip:2026-01-05T13:00:00.000Z');

    expect((await runsOf(workers[2]!.agent, 'once')).map((run) => [run.scheduledFor, run.trigger, run.status])).toEqual([
      ['2026-01-05T09:00:00.000Z', 'schedule', 'succeeded'],
      ['2026-01-05T12:00:00.000Z', 'catch-up', 'succeeded'],
      ['2026-01-05T13:00:00.000Z', 'schedule', 'succeeded'],
    ]);
    expect((await runsOf(workers[2]!.agent, 'skip')).map((run) => [run.scheduledFor, run.trigger])).toEqual([
      ['2026-01-05T09:00:00.000Z', 'schedule'],
      ['2026-01-05T13:00:00.000Z', 'schedule'],
    ]);
    expect(ran.log).toHaveLength(5);
  });

  it('runs a task created at run time on one worker on whichever worker takes the job, and stops it everywhere once deleted', async () => {
    const start = '2026-01-05T08:00:00.000Z';
    const clock = createFakeClock(start);
    const ran = executions();
    workers.push(...(await startClusterWorkers(database, { clock, schema: database.schema(), task: {}, scripts: (name) => ({ tick: ran.handler(name) }) })));
    const [w1, w2, w3] = workers as [ClusterWorker, ClusterWorker, ClusterWorker];
    await w1.agent.invoke('task/create', everySecond('made'));
    for (const worker of workers) {
      await eventually(`${worker.name} to know the new task`, async () => (await worker.agent.invoke('task/list', {})).tasks.some((task) => task.id === 'made'));
    }
    for (let second = 1; second <= 6; second++) {
      await clock.advance(1_000);
      await finalRun(w2.agent, `made:${slot(start, second)}`);
    }
    expect(new Set(ran.log.map((entry) => entry.runId)).size).toBe(6);
    expect(ran.log).toHaveLength(6);

    expect(await w3.agent.invoke('task/delete', { taskId: 'made' })).toEqual({ deleted: true, cancelledRuns: 0 });
    for (const worker of workers) {
      await eventually(`${worker.name} to forget the task`, async () => !(await worker.agent.invoke('task/list', {})).tasks.some((task) => task.id === 'made'));
    }
    await clock.advance(5_000);
    // A task created again under the same id starts a schedule of its own (the deleted one's state is gone everywhere).
    await w2.agent.invoke('task/create', everySecond('made'));
    expect((await w2.agent.invoke('task/get', { taskId: 'made' })).task.nextRunAt).toBe(slot(start, 12));
    expect((await runsOf(w2.agent, 'made')).map((run) => run.scheduledFor)).toEqual(Array.from({ length: 6 }, (_, index) => slot(start, index + 1)));
  });
});
