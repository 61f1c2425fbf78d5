import { createAgent, DowncityError, ErrorCodes } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startTaskAgent } from '../../test/helpers.js';
import { createTaskService } from '../service.js';
import { createFakeClock } from '../testing.js';

const failure = async (promise: Promise<unknown>): Promise<DowncityError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!DowncityError.is(error)) throw new Error(`expected a DowncityError, got ${String(error)}`);
  return error;
};

describe('bad task input', () => {
  it('rejects each bad field with a clear error naming it; nothing is stored and the agent keeps running', async () => {
    const { agent } = await startTaskAgent({ start: '2026-03-01T12:00:00Z' });
    const base = { schedule: { kind: 'manual' as const }, instructions: 'Do it.' };
    const cases: [unknown, RegExp][] = [
      [{ ...base, schedule: { kind: 'cron', expression: '0 25 * * *', timeZone: 'UTC' } }, /input\.schedule\.expression: invalid cron expression "0 25 \* \* \*" \(.*hour.*\)/],
      [{ ...base, schedule: { kind: 'cron', expression: '0 9 * * *', timeZone: 'Europe/Atlantis' } }, /input\.schedule\.timeZone: unknown time zone "Europe\/Atlantis"/],
      [{ ...base, schedule: { kind: 'at', at: '2026-03-01T09:00:00' } }, /input\.schedule\.at: must be an ISO 8601 time with a UTC offset/],
      [{ ...base, schedule: { kind: 'interval', everyMs: 5 } }, /input\.schedule\.everyMs: must be at least 1000 ms/],
      [{ ...base, schedule: { kind: 'interval', everyMs: 1e15 } }, /input\.schedule\.everyMs: must be at most/],
      [{ schedule: { kind: 'manual' } }, /input\.instructions: give either "instructions" \(a prompt for the model\) or "script"/],
      [{ ...base, script: { kind: 'handler', name: 'x' } }, /input\.script: give either "instructions" or "script", not both/],
      [{ ...base, id: 'has spaces' }, /input\.id: must be 1-64 letters/],
      [{ ...base, timeoutMs: 10 }, /input\.timeoutMs/],
      [{ ...base, retries: { max: 50 } }, /input\.retries\.max: must be at most 10/],
      [{ ...base, deliver: { sessionId: '' } }, /input\.deliver/],
    ];
    for (const [input, message] of cases) {
      const error = await failure(agent.invoke('task/create', input as never));
      expect(error.code, String(message)).toBe(ErrorCodes.ACTION_INVALID);
      expect(error.message).toMatch(message);
    }
    const past = await failure(agent.invoke('task/create', { ...base, schedule: { kind: 'at', at: '2026-03-01T11:59:00Z' } }));
    expect(past).toMatchObject({ code: ErrorCodes.INPUT_INVALID, details: { field: 'schedule.at' } });
    expect(past.message).toBe('Invalid task: schedule.at (2026-03-01T11:59:00Z) is in the past (now 2026-03-01T12:00:00.000Z). Pick a future time.');

    expect((await agent.invoke('task/list', {})).tasks).toEqual([]);
    expect(await agent.session.list({ kind: 'task' })).toEqual([]);
    expect(agent.state).toBe('running');
    const { task } = await agent.invoke('task/create', { ...base, id: 'fine', schedule: { kind: 'at', at: '2026-03-01T12:00:01Z' } });
    expect(task).toMatchObject({ id: 'fine', source: 'runtime', createdBy: 'agent', nextRunAt: '2026-03-01T12:00:01.000Z', deliver: 'none', history: 'fresh', overlap: 'skip', missed: 'run-once', retries: { max: 0, backoffMs: 30_000, factor: 2 } });
    await agent.stop();
  });

  it('refuses duplicate ids, unknown tasks and runs, deleting config tasks and running disabled ones', async () => {
    const { agent } = await startTaskAgent({ task: { tasks: [{ id: 'cfg', schedule: { kind: 'manual' }, instructions: 'x' }, { id: 'off', schedule: { kind: 'manual' }, instructions: 'x', enabled: false }] } });
    await agent.invoke('task/create', { id: 'mine', schedule: { kind: 'manual' }, instructions: 'x' });
    expect((await failure(agent.invoke('task/create', { id: 'mine', schedule: { kind: 'manual' }, instructions: 'y' }))).message).toMatch(/already exists/);
    expect((await failure(agent.invoke('task/create', { id: 'cfg', schedule: { kind: 'manual' }, instructions: 'y' }))).message).toMatch(/already exists/);
    expect((await failure(agent.invoke('task/get', { taskId: 'nope' }))).message).toMatch(/No task "nope"\. Use task\/list/);
    expect((await failure(agent.invoke('task/run-info', { runId: 'nope:1' }))).message).toMatch(/No run "nope:1"/);
    expect((await failure(agent.invoke('task/delete', { taskId: 'cfg' }))).message).toMatch(/defined in config .*enabled: false/);
    expect((await failure(agent.invoke('task/run', { taskId: 'off' }))).message).toMatch(/disabled/);
    expect(await agent.invoke('task/delete', { taskId: 'mine' })).toEqual({ deleted: true, cancelledRuns: 0 });
    expect((await agent.invoke('task/list', {})).tasks.map((task) => task.id)).toEqual(['cfg', 'off']);
    await agent.stop();
  });

  it('refuses to start with an invalid config task, naming the config path', async () => {
    const agent = createAgent({
      logger: { level: 'silent' },
      services: [createTaskService({ clock: createFakeClock(0) })],
      config: {
        services: {
          task: {
            tasks: [
              { id: 'a', schedule: { kind: 'cron', expression: '0 9 * * *', timeZone: 'Nowhere/City' }, instructions: 'x' },
              { id: 'a', schedule: { kind: 'manual' }, instructions: 'x' },
            ],
          },
        },
      },
    });
    const error = await failure(agent.start());
    expect(error.code).toBe(ErrorCodes.CONFIG_INVALID);
    expect(error.message).toMatch(/services\.task\.tasks\.0\.schedule\.timeZone: unknown time zone "Nowhere\/City"/);
    expect(error.message).toMatch(/services\.task\.tasks\.1\.id: duplicate task id "a"/);
    expect(agent.state).toBe('stopped');
  });

  it('deleting a task cancels its live runs and stops its schedule', async () => {
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts: { wait: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) } });
    await agent.invoke('task/create', { id: 'loop', schedule: { kind: 'interval', everyMs: 1_000 }, script: { kind: 'handler', name: 'wait' } });
    await clock.advance(1_000);
    const [run] = (await agent.invoke('task/runs', { taskId: 'loop' })).runs;
    expect(await agent.invoke('task/delete', { taskId: 'loop' })).toEqual({ deleted: true, cancelledRuns: 1 });
    expect((await agent.invoke('task/run-info', { runId: run!.id })).run.status).toBe('cancelled');
    await clock.advance(10_000);
    expect((await agent.invoke('task/runs', {})).runs).toHaveLength(1);
    await agent.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
