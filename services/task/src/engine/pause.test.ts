import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DowncityError, ErrorCodes } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scripted, startTaskAgent, waitForRun, waitForRuns } from '../../test/helpers.js';
import { createFakeClock } from '../testing.js';
import type { TaskSpecInput } from '../tasks/task-spec.js';

const script = { kind: 'handler', name: 'noop' } as const;
const scripts = { noop: () => 'ok' };

const failure = async (promise: Promise<unknown>): Promise<DowncityError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!DowncityError.is(error)) throw new Error(`expected a DowncityError, got ${String(error)}`);
  return error;
};

describe('pause and resume', () => {
  it('a paused task does not fire, still runs on demand, and resumes with its next run computed from now', async () => {
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts });
    await agent.invoke('task/create', { id: 'tick', schedule: { kind: 'interval', everyMs: 60_000 }, script });
    await clock.advance(30_000);

    const paused = await agent.invoke('task/pause', { taskId: 'tick' });
    expect(paused).toEqual({ changed: true, task: expect.objectContaining({ id: 'tick', nextRunAt: null, paused: { at: '2026-01-01T00:00:30.000Z', by: 'agent' } }) });
    await clock.advance(10_000);
    expect(await agent.invoke('task/pause', { taskId: 'tick' })).toMatchObject({ changed: false, task: { paused: { at: '2026-01-01T00:00:30.000Z' } } });
    expect((await agent.invoke('task/list', {})).tasks).toEqual([expect.objectContaining({ id: 'tick', nextRunAt: null, paused: expect.objectContaining({ by: 'agent' }) })]);

    await clock.advance(5 * 60_000);
    expect((await agent.invoke('task/runs', { taskId: 'tick' })).runs).toEqual([]);

    const { run } = await agent.invoke('task/run', { taskId: 'tick', wait: true });
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded', output: 'ok' });
    expect((await agent.invoke('task/get', { taskId: 'tick' })).task.paused).not.toBeNull();

    await clock.advanceTo('2026-01-01T00:06:10Z');
    const resumed = await agent.invoke('task/resume', { taskId: 'tick' });
    expect(resumed).toEqual({ changed: true, task: expect.objectContaining({ paused: null, nextRunAt: '2026-01-01T00:07:10.000Z' }) });
    expect(await agent.invoke('task/resume', { taskId: 'tick' })).toMatchObject({ changed: false, task: { nextRunAt: '2026-01-01T00:07:10.000Z' } });

    await clock.advanceTo('2026-01-01T00:08:30Z');
    const runs = await waitForRuns(agent, 'tick', 3);
    expect(runs.map((entry) => [entry.trigger, entry.scheduledFor.slice(11, 19)])).toEqual([
      ['manual', '00:05:40'],
      ['schedule', '00:07:10'],
      ['schedule', '00:08:10'],
    ]);
    await agent.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets a run in progress finish when its task is paused', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts: { slow: async () => (await gate, 'finished') } });
    await agent.invoke('task/create', { id: 'slow', schedule: { kind: 'interval', everyMs: 60_000 }, script: { kind: 'handler', name: 'slow' } });
    await clock.advance(60_000);
    const runId = 'slow:2026-01-01T00:01:00.000Z';
    await waitForRun(agent, runId, (run) => run.status === 'running');
    await agent.invoke('task/pause', { taskId: 'slow' });
    release();
    expect(await waitForRun(agent, runId)).toMatchObject({ status: 'succeeded', output: 'finished' });
    await agent.stop();
  });

  it('refuses to pause a manual, disabled or unknown task, and the model pauses only tasks of the user it acts for', async () => {
    const pauseIt = { toolCalls: [{ name: 'task_pause', arguments: { taskId: 'alice-daily' } }] };
    const model = scripted([pauseIt, { text: 'no such task' }, pauseIt, { text: 'paused' }]);
    const { agent } = await startTaskAgent({
      model,
      task: {
        allowModelToCreate: true,
        tasks: [
          { id: 'by-hand', schedule: { kind: 'manual' }, instructions: 'x' },
          { id: 'off', schedule: { kind: 'interval', everyMs: 60_000 }, instructions: 'x', enabled: false },
        ],
      },
    });
    const manual = await failure(agent.invoke('task/pause', { taskId: 'by-hand' }));
    expect(manual).toMatchObject({ code: ErrorCodes.INPUT_INVALID, message: 'Task "by-hand" has no schedule to pause (schedule kind "manual"); it runs only when triggered.' });
    expect((await failure(agent.invoke('task/pause', { taskId: 'off' }))).message).toBe('Task "off" is disabled (enabled: false), so it never runs; there is nothing to pause.');
    expect((await failure(agent.invoke('task/resume', { taskId: 'nope' }))).message).toMatch(/^No task "nope"\. Use task\/list/);

    await agent.invoke('task/create', { id: 'alice-daily', schedule: { kind: 'cron', expression: '0 9 * * *' }, instructions: 'x' }, { principal: { id: 'telegram:1' } });
    await agent.session.open('chat:bob', { kind: 'chat' });
    await agent.session.turn('chat:bob', { input: [{ role: 'user', content: 'pause alice-daily' }], principal: { id: 'telegram:2' } });
    expect(JSON.stringify(model.calls[1]?.prompt.filter((message) => message.role === 'tool'))).toMatch(/"error-text","value":"No task \\"alice-daily\\"/);
    expect((await agent.invoke('task/get', { taskId: 'alice-daily' })).task.paused).toBeNull();
    await agent.session.open('chat:alice', { kind: 'chat' });
    await agent.session.turn('chat:alice', { input: [{ role: 'user', content: 'pause my daily task' }], principal: { id: 'telegram:1' } });
    expect((await agent.invoke('task/get', { taskId: 'alice-daily' })).task.paused).toEqual({ at: expect.any(String), by: 'telegram:1' });
    await agent.stop();
  });

  it('forgets the pause of a deleted task, so a new task with its id runs on schedule', async () => {
    const { agent } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts });
    await agent.invoke('task/create', { id: 'again', schedule: { kind: 'interval', everyMs: 60_000 }, script });
    await agent.invoke('task/pause', { taskId: 'again' });
    await agent.invoke('task/delete', { taskId: 'again' });
    const { task } = await agent.invoke('task/create', { id: 'again', schedule: { kind: 'interval', everyMs: 60_000 }, script });
    expect(task).toMatchObject({ paused: null, nextRunAt: '2026-01-01T00:01:00.000Z' });
    await agent.stop();
  });
});

describe('pause across restarts on the same libSQL file', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'downcity-task-pause-'));
    file = path.join(directory, 'agent.db');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const daily: TaskSpecInput = { id: 'report', schedule: { kind: 'cron', expression: '0 9 * * *', timeZone: 'UTC' }, script, missed: 'run-once' };
  const start = (clock: ReturnType<typeof createFakeClock>, tasks: TaskSpecInput[] = [daily]) => startTaskAgent({ clock, scripts, store: createLibsqlStore({ path: file }), task: { tasks } });

  it('stays paused after a restart (no catch-up for slots missed while paused), and stays resumed after the next one', async () => {
    const clock = createFakeClock('2026-01-05T08:00:00Z');
    const first = await start(clock);
    expect((await first.agent.invoke('task/get', { taskId: 'report' })).task.nextRunAt).toBe('2026-01-05T09:00:00.000Z');
    await first.agent.invoke('task/pause', { taskId: 'report' });
    await first.agent.stop();

    await clock.advanceTo('2026-01-05T10:00:00Z'); // the 09:00 slot passes while the agent is down and the task paused
    const second = await start(clock);
    expect((await second.agent.invoke('task/get', { taskId: 'report' })).task).toMatchObject({ nextRunAt: null, paused: { at: '2026-01-05T08:00:00.000Z', by: 'agent' } });
    await clock.advanceTo('2026-01-06T09:30:00Z');
    expect((await second.agent.invoke('task/runs', { taskId: 'report' })).runs).toEqual([]);

    expect((await second.agent.invoke('task/resume', { taskId: 'report' })).task).toMatchObject({ paused: null, nextRunAt: '2026-01-07T09:00:00.000Z' });
    await second.agent.stop();

    const third = await start(clock);
    expect((await third.agent.invoke('task/get', { taskId: 'report' })).task).toMatchObject({ paused: null, nextRunAt: '2026-01-07T09:00:00.000Z' });
    await clock.advanceTo('2026-01-07T09:00:00Z');
    const runs = await waitForRuns(third.agent, 'report', 1);
    expect(runs.map((run) => [run.scheduledFor, run.trigger])).toEqual([['2026-01-07T09:00:00.000Z', 'schedule']]);
    await third.agent.stop();
  });

  it('drops the pause of a config task removed from the config, so defining it again starts it unpaused', async () => {
    const clock = createFakeClock('2026-01-05T08:00:00Z');
    const first = await start(clock);
    await first.agent.invoke('task/pause', { taskId: 'report' });
    await first.agent.stop();
    const without = await start(clock, []);
    await without.agent.stop();
    const back = await start(clock);
    expect((await back.agent.invoke('task/get', { taskId: 'report' })).task).toMatchObject({ paused: null, nextRunAt: '2026-01-05T09:00:00.000Z' });
    await back.agent.stop();
  });
});
