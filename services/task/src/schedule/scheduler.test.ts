import { describe, expect, it } from 'vitest';
import { startTaskAgent, waitForRuns } from '../../test/helpers.js';

const script = { kind: 'handler', name: 'noop' } as const;
const scripts = { noop: () => 'ok' };

describe('scheduler on a fake clock', () => {
  it('fires a New York cron at the exact UTC instants across the spring-forward gap', async () => {
    const { agent, clock } = await startTaskAgent({
      start: '2026-03-06T12:00:00Z',
      scripts,
      task: { tasks: [{ id: 'nightly', schedule: { kind: 'cron', expression: '0 2 * * *', timeZone: 'America/New_York' }, script }] },
    });
    expect((await agent.invoke('task/get', { taskId: 'nightly' })).task.nextRunAt).toBe('2026-03-07T07:00:00.000Z');
    await clock.advanceTo('2026-03-10T12:00:00Z');
    const runs = await waitForRuns(agent, 'nightly', 4);
    expect(runs.map((run) => [run.scheduledFor, run.status, run.trigger])).toEqual([
      ['2026-03-07T07:00:00.000Z', 'succeeded', 'schedule'],
      ['2026-03-08T07:00:00.000Z', 'succeeded', 'schedule'],
      ['2026-03-09T06:00:00.000Z', 'succeeded', 'schedule'],
      ['2026-03-10T06:00:00.000Z', 'succeeded', 'schedule'],
    ]);
    expect(runs.map((run) => run.id)).toContain('nightly:2026-03-08T07:00:00.000Z');
    await agent.stop();
  });

  it('fires a New York 01:30 cron once across the fall-back repeat, and a Berlin one across both changes', async () => {
    const { agent, clock } = await startTaskAgent({
      start: '2026-10-23T12:00:00Z',
      scripts,
      task: {
        tasks: [
          { id: 'ny', schedule: { kind: 'cron', expression: '30 1 * * *', timeZone: 'America/New_York' }, script },
          { id: 'berlin', schedule: { kind: 'cron', expression: '30 2 * * *', timeZone: 'Europe/Berlin' }, script },
        ],
      },
    });
    await clock.advanceTo('2026-11-02T12:00:00Z');
    const ny = await waitForRuns(agent, 'ny', 10);
    expect(ny.map((run) => run.scheduledFor).slice(-3)).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    const berlin = await waitForRuns(agent, 'berlin', 10);
    expect(berlin.map((run) => run.scheduledFor).slice(0, 4)).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    await agent.stop();
  });

  it('runs interval and one-shot tasks, and leaves no timer behind on stop', async () => {
    const { agent, clock } = await startTaskAgent({ start: '2026-01-01T00:00:00Z', scripts });
    await agent.invoke('task/create', { id: 'tick', schedule: { kind: 'interval', everyMs: 60_000 }, script });
    await agent.invoke('task/create', { id: 'once', schedule: { kind: 'at', at: '2026-01-01T00:02:30Z' }, script });
    await clock.advance(5 * 60_000);
    expect((await waitForRuns(agent, 'tick', 5)).map((run) => run.scheduledFor.slice(11, 19))).toEqual(['00:01:00', '00:02:00', '00:03:00', '00:04:00', '00:05:00']);
    expect((await waitForRuns(agent, 'once', 1)).map((run) => run.scheduledFor)).toEqual(['2026-01-01T00:02:30.000Z']);
    expect((await agent.invoke('task/get', { taskId: 'once' })).task.nextRunAt).toBeNull();
    await agent.stop();
    expect(clock.pendingTimers).toBe(0);
  });
});
