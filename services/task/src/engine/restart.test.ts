import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLibsqlStore } from '@downcity/store-libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hangingModel, scripted, startTaskAgent, waitForRun, waitForRuns } from '../../test/helpers.js';
import { createFakeClock } from '../testing.js';
import type { TaskSpecInput } from '../tasks/task-spec.js';

let directory: string;
let file: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'downcity-task-'));
  file = path.join(directory, 'agent.db');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const daily = (extra: Partial<TaskSpecInput> = {}): TaskSpecInput => ({
  id: 'report',
  schedule: { kind: 'cron', expression: '0 9 * * *', timeZone: 'UTC' },
  instructions: 'Write the daily report.',
  deliver: { sessionId: 'chat:team' },
  ...extra,
});

describe('restart on the same libSQL file', () => {
  it('re-runs a run interrupted by a stop when retries are left, and fires the next slot exactly once', async () => {
    const clock = createFakeClock('2026-01-05T08:59:00Z');
    const hanging = hangingModel();
    const first = await startTaskAgent({ clock, model: hanging.model, store: createLibsqlStore({ path: file }), task: { tasks: [daily({ retries: { max: 1 } })] } });
    await clock.advanceTo('2026-01-05T09:00:00Z');
    const runId = 'report:2026-01-05T09:00:00.000Z';
    await waitForRun(first.agent, runId, (run) => run.status === 'running');
    await first.agent.stop();
    expect(hanging.stats.aborted).toBe(1);
    expect(clock.pendingTimers).toBe(0);

    await clock.advance(30_000);
    const second = await startTaskAgent({ clock, model: scripted([{ text: 'Report: all green.' }]), store: createLibsqlStore({ path: file }), task: { tasks: [daily({ retries: { max: 1 } })] } });
    const resumed = await waitForRun(second.agent, runId, (run) => run.delivery?.status === 'delivered');
    expect(resumed).toMatchObject({ status: 'succeeded', attempt: 2, output: 'Report: all green.', delivery: { status: 'delivered' } });
    expect(resumed.attempts.map((attempt) => [attempt.status, attempt.error?.code])).toEqual([
      ['interrupted', 'INTERRUPTED'],
      ['succeeded', undefined],
    ]);
    // The run's prompt was stored once, before the stop; the retry continued from it.
    expect((await second.agent.session.history(resumed.sessionId)).map((message) => message.role)).toEqual(['user', 'assistant']);
    expect((await second.agent.invoke('task/get', { taskId: 'report' })).task.nextRunAt).toBe('2026-01-06T09:00:00.000Z');

    await clock.advanceTo('2026-01-06T12:00:00Z');
    const runs = await waitForRuns(second.agent, 'report', 2);
    expect(runs.map((run) => [run.scheduledFor, run.status])).toEqual([
      ['2026-01-05T09:00:00.000Z', 'succeeded'],
      ['2026-01-06T09:00:00.000Z', 'succeeded'],
    ]);
    await vi.waitFor(() => expect(second.chat.deliveries.map((delivery) => delivery.text)).toEqual(['Report: all green.', 'done']));
    await second.agent.stop();
  });

  it('marks an interrupted run failed (INTERRUPTED) when no retries are left', async () => {
    const clock = createFakeClock('2026-01-05T08:59:00Z');
    const first = await startTaskAgent({ clock, model: hangingModel().model, store: createLibsqlStore({ path: file }), task: { tasks: [daily()] } });
    await clock.advanceTo('2026-01-05T09:00:00Z');
    await waitForRun(first.agent, 'report:2026-01-05T09:00:00.000Z', (run) => run.status === 'running');
    await first.agent.stop();

    const second = await startTaskAgent({ clock, model: scripted([]), store: createLibsqlStore({ path: file }), task: { tasks: [daily()] } });
    const failed = await waitForRun(second.agent, 'report:2026-01-05T09:00:00.000Z');
    expect(failed).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'INTERRUPTED', message: expect.stringMatching(/agent stopped/) } });
    await vi.waitFor(() => expect(second.chat.deliveries.map((delivery) => delivery.text)).toEqual([expect.stringMatching(/^Task "report" failed: The agent stopped/)]));
    await second.agent.stop();
  });

  it('does not fire a slot twice when the process died after recording the run but before saving the schedule', async () => {
    const clock = createFakeClock('2026-01-05T08:59:00Z');
    let executions = 0;
    const scripts = { work: () => String(++executions) };
    const task = daily({ instructions: undefined, script: { kind: 'handler', name: 'work' }, deliver: 'none' });
    const first = await startTaskAgent({ clock, scripts, store: createLibsqlStore({ path: file }), task: { tasks: [task] } });
    await clock.advanceTo('2026-01-05T09:00:00Z');
    await waitForRun(first.agent, 'report:2026-01-05T09:00:00.000Z');
    await first.agent.stop();

    // Roll the persisted schedule state back to before the 09:00 slot, as if the crash came in between.
    const raw = createLibsqlStore({ path: file });
    await raw.open();
    const states = raw.collection('task:schedule');
    const state = await states.get('report');
    expect(state).toMatchObject({ nextFireAt: Date.parse('2026-01-06T09:00:00Z'), lastSlot: Date.parse('2026-01-05T09:00:00Z') });
    await states.put('report', { ...state, nextFireAt: Date.parse('2026-01-05T09:00:00Z') });
    await raw.close();

    await clock.advance(20_000);
    const second = await startTaskAgent({ clock, scripts, store: createLibsqlStore({ path: file }), task: { tasks: [task] } });
    expect((await second.agent.invoke('task/get', { taskId: 'report' })).task.nextRunAt).toBe('2026-01-06T09:00:00.000Z');
    await clock.advanceTo('2026-01-06T09:30:00Z');
    const runs = await waitForRuns(second.agent, 'report', 2);
    expect(runs.map((run) => run.scheduledFor)).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z']);
    expect(executions).toBe(2);
    await second.agent.stop();
  });

  it('after downtime, "run-once" runs the latest missed slot once as a catch-up and "skip" runs none', async () => {
    const clock = createFakeClock('2026-01-05T10:30:00Z');
    const hourly = { kind: 'cron', expression: '0 * * * *', timeZone: 'UTC' } as const;
    const script = { kind: 'handler', name: 'noop' } as const;
    const tasks = [
      { id: 'catch-up', schedule: hourly, script, missed: 'run-once' as const },
      { id: 'skipper', schedule: hourly, script, missed: 'skip' as const },
    ];
    const scripts = { noop: () => 'ok' };
    const first = await startTaskAgent({ clock, scripts, store: createLibsqlStore({ path: file }), task: { tasks } });
    await clock.advanceTo('2026-01-05T11:05:00Z');
    await waitForRuns(first.agent, 'catch-up', 1);
    await waitForRuns(first.agent, 'skipper', 1);
    await first.agent.stop();

    await clock.advanceTo('2026-01-05T15:30:00Z'); // down for 12:00, 13:00, 14:00 and 15:00
    const second = await startTaskAgent({ clock, scripts, store: createLibsqlStore({ path: file }), task: { tasks } });
    await clock.advanceTo('2026-01-05T16:00:00Z');
    const caught = await waitForRuns(second.agent, 'catch-up', 3);
    expect(caught.map((run) => [run.scheduledFor.slice(11, 16), run.trigger])).toEqual([
      ['11:00', 'schedule'],
      ['15:00', 'catch-up'],
      ['16:00', 'schedule'],
    ]);
    const skipped = await waitForRuns(second.agent, 'skipper', 2);
    expect(skipped.map((run) => [run.scheduledFor.slice(11, 16), run.trigger])).toEqual([
      ['11:00', 'schedule'],
      ['16:00', 'schedule'],
    ]);
    await second.agent.stop();
  });
});
