import { describe, expect, it, vi } from 'vitest';
import { startConsoleAgent, type ConsoleAgent } from '../../test/start-console-agent.js';
import { createGate, REPORT_TEXT, taskAgentOptions } from '../../test/task-fixtures.js';

/** Signs in with a fresh link; answers GET and POST (with Origin and the CSRF token) on the console API. */
async function signedIn(harness: ConsoleAgent) {
  const response = await fetch(await harness.signInLink(), { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await (await fetch(`${harness.consoleUrl}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return {
    get: (path: string) => fetch(`${harness.consoleUrl}/api/${path}`, { headers: { cookie } }),
    post: (path: string, headers: Record<string, string> = { origin: harness.origin, 'x-csrf-token': csrfToken }) =>
      fetch(`${harness.consoleUrl}/api/${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{}' }),
  };
}

describe('tasks in the console API', () => {
  it('lists tasks with schedule, next run, paused state and last run; pauses and resumes with CSRF; runs now and shows the output', async () => {
    const gate = createGate();
    await using harness = await startConsoleAgent(taskAgentOptions(gate));
    const api = await signedIn(harness);

    const listed = (await (await api.get('tasks')).json()) as { tasks: Record<string, unknown>[] };
    const nextRunAt = (await harness.agent.invoke('task/get', { taskId: 'morning-report' })).task.nextRunAt;
    expect(nextRunAt).toEqual(expect.any(String));
    expect(listed.tasks).toEqual([
      expect.objectContaining({
        id: 'morning-report',
        name: 'Morning report',
        source: 'config',
        enabled: true,
        schedule: { kind: 'cron', expression: '30 8 * * 1-5', timeZone: 'Europe/Berlin' },
        nextRunAt,
        paused: null,
        runs: { kind: 'model' },
        lastRun: null,
      }),
      expect.objectContaining({ id: 'cleanup', schedule: { kind: 'manual' }, nextRunAt: null, runs: { kind: 'script', name: 'cleanup' } }),
    ]);

    // A change without the CSRF token is refused and changes nothing.
    const forged = await api.post('tasks/morning-report/pause', { origin: harness.origin });
    expect(forged.status).toBe(403);
    expect((await harness.agent.invoke('task/get', { taskId: 'morning-report' })).task.paused).toBeNull();

    const paused = await api.post('tasks/morning-report/pause');
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ changed: true, task: { id: 'morning-report', nextRunAt: null, paused: { at: expect.any(String), by: 'console' } } });
    expect(await (await api.post('tasks/morning-report/pause')).json()).toMatchObject({ changed: false });
    const resumed = (await (await api.post('tasks/morning-report/resume')).json()) as { changed: boolean; task: { nextRunAt: string; paused: unknown } };
    expect(resumed).toMatchObject({ changed: true, task: { paused: null, nextRunAt } });

    harness.model.enqueue({ toolCalls: [{ name: 'gate_wait', arguments: {} }] }, { text: REPORT_TEXT });
    const started = (await (await api.post('tasks/morning-report/run')).json()) as { run: { id: string; trigger: string; status: string } };
    expect(started.run).toMatchObject({ trigger: 'manual', status: 'queued' });
    await vi.waitFor(() => expect(gate.waiting).toBe(1));
    const running = (await (await api.get('tasks/morning-report')).json()) as { task: { lastRun: { status: string } }; runs: { id: string; status: string }[] };
    expect(running.task.lastRun.status).toBe('running');
    expect(running.runs).toEqual([expect.objectContaining({ id: started.run.id, status: 'running', startedAt: expect.any(String) })]);
    gate.open();
    await vi.waitFor(async () => {
      const detail = (await (await api.get('tasks/morning-report')).json()) as { runs: Record<string, unknown>[] };
      expect(detail.runs).toEqual([expect.objectContaining({ id: started.run.id, status: 'succeeded', output: REPORT_TEXT, finishedAt: expect.any(String) })]);
    });
    expect(((await (await api.get('tasks')).json()) as { tasks: { lastRun: { status: string } | null }[] }).tasks[0]?.lastRun).toMatchObject({ status: 'succeeded', output: REPORT_TEXT });
  });

  it('cancels a running run; answers 404 for unknown tasks and runs, 400 with the reason for a manual task, null without the task service', async () => {
    const gate = createGate();
    await using harness = await startConsoleAgent(taskAgentOptions(gate));
    const api = await signedIn(harness);
    harness.model.enqueue({ toolCalls: [{ name: 'gate_wait', arguments: {} }] });
    const { run } = (await (await api.post('tasks/morning-report/run')).json()) as { run: { id: string } };
    await vi.waitFor(() => expect(gate.waiting).toBe(1));
    const cancelled = await api.post(`runs/${encodeURIComponent(run.id)}/cancel`);
    expect(await cancelled.json()).toMatchObject({ cancelled: true, run: { id: run.id, status: 'cancelled', error: { code: 'ABORTED', message: 'Cancelled by console.' } } });
    expect(gate.waiting).toBe(0);
    expect(await (await api.post(`runs/${encodeURIComponent(run.id)}/cancel`)).json()).toMatchObject({ cancelled: false, run: { status: 'cancelled' } });

    for (const [method, path] of [['get', 'tasks/nope'], ['post', 'tasks/nope/run'], ['post', 'tasks/nope/pause'], ['post', 'tasks/nope/resume']] as const) {
      const response = await api[method](path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'TASK_NOT_FOUND', message: 'No task "nope".' } });
    }
    const noRun = await api.post('runs/nope%3A1/cancel');
    expect(noRun.status).toBe(404);
    expect(await noRun.json()).toEqual({ error: { code: 'RUN_NOT_FOUND', message: 'No task run "nope:1".' } });
    const manual = await api.post('tasks/cleanup/pause');
    expect(manual.status).toBe(400);
    expect(await manual.json()).toEqual({ error: { code: 'INPUT_INVALID', message: 'Task "cleanup" has no schedule to pause (schedule kind "manual"); it runs only when triggered.' } });

    await using plain = await startConsoleAgent();
    const withoutTasks = await signedIn(plain);
    expect(await (await withoutTasks.get('tasks')).json()).toEqual({ tasks: null });
    expect((await withoutTasks.get('tasks/morning-report')).status).toBe(404);
  });
});
