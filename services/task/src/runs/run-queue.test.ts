import { describe, expect, it } from 'vitest';
import { deferred, startTaskAgent, waitForRun, waitForRuns } from '../../test/helpers.js';
import type { RunRecord } from './run-record.js';

/** Script handlers that block until released, in start order. */
function gates() {
  const started: string[] = [];
  const releases: (() => void)[] = [];
  return {
    started,
    release: () => releases.shift()?.(),
    handler: async ({ run }: { run: { id: string } }) => {
      const gate = deferred();
      started.push(run.id);
      releases.push(() => gate.resolve());
      await gate.promise;
      return 'released';
    },
  };
}

const every = { kind: 'interval', everyMs: 60_000 } as const;
const script = { kind: 'handler', name: 'gate' } as const;

describe('overlap and concurrency', () => {
  it('overlap "skip": a slot due while the previous run is still running is recorded as skipped', async () => {
    const gate = gates();
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts: { gate: gate.handler }, task: { tasks: [{ id: 'poll', schedule: every, script, overlap: 'skip' }] } });
    await clock.advance(60_000);
    await clock.advance(60_000);
    const runs = await waitForRuns(agent, 'poll', 1, (run) => run.status === 'skipped');
    expect(runs.map((run) => [run.scheduledFor.slice(11, 19), run.status])).toEqual([
      ['00:01:00', 'running'],
      ['00:02:00', 'skipped'],
    ]);
    expect(runs[1]?.error).toEqual({ code: 'OVERLAP', message: expect.stringContaining('overlap: "skip"') });
    gate.release();
    await waitForRun(agent, runs[0]!.id);
    await clock.advance(60_000);
    await waitForRuns(agent, 'poll', 1, (run) => run.scheduledFor.endsWith('00:03:00.000Z') && run.status === 'running');
    gate.release();
    await agent.stop();
  });

  it('overlap "queue": the next run waits for the previous one, then runs', async () => {
    const gate = gates();
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts: { gate: gate.handler }, task: { tasks: [{ id: 'poll', schedule: every, script, overlap: 'queue' }] } });
    await clock.advance(120_000);
    let runs = await waitForRuns(agent, 'poll', 1, (run) => run.status === 'queued');
    expect(runs.map((run) => run.status)).toEqual(['running', 'queued']);
    expect(gate.started).toHaveLength(1);
    gate.release();
    runs = await waitForRuns(agent, 'poll', 1, (run) => run.status === 'succeeded');
    await waitForRun(agent, runs[1]!.id, (run) => run.status === 'running');
    gate.release();
    expect((await waitForRuns(agent, 'poll', 2)).map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(gate.started).toEqual(runs.map((run) => run.id));
    await agent.stop();
  });

  it('never runs more than maxConcurrency runs at once, across tasks, in arrival order', async () => {
    const gate = gates();
    const tasks = ['a', 'b', 'c', 'd'].map((id) => ({ id, schedule: { kind: 'manual' as const }, script }));
    const { agent } = await startTaskAgent({ scripts: { gate: gate.handler }, task: { maxConcurrency: 2, tasks } });
    const runs: RunRecord[] = [];
    for (const task of tasks) runs.push((await agent.invoke('task/run', { taskId: task.id })).run);
    await waitForRun(agent, runs[1]!.id, (run) => run.status === 'running');
    const statuses = async () => Promise.all(runs.map(async (run) => (await agent.invoke('task/run-info', { runId: run.id })).run.status));
    expect(await statuses()).toEqual(['running', 'running', 'queued', 'queued']);
    gate.release();
    await waitForRun(agent, runs[2]!.id, (run) => run.status === 'running');
    expect(await statuses()).toEqual(['succeeded', 'running', 'running', 'queued']);
    gate.release();
    gate.release();
    await waitForRun(agent, runs[3]!.id, (run) => run.status === 'running');
    gate.release();
    await waitForRun(agent, runs[3]!.id);
    expect(gate.started).toEqual(runs.map((run) => run.id));
    await agent.stop();
  });
});
