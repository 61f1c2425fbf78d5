import { definePlugin, ErrorCodes, type GuardVerdict } from '@downcity/core';
import { describe, expect, it, vi } from 'vitest';
import { hangingModel, scripted, startTaskAgent, waitForRun } from '../../test/helpers.js';
import type { AfterRunPayload, BeforeRunInput } from '../points.js';

describe('running a task', () => {
  it('runs instructions in the session task:<taskId>:<runId> and delivers the output to a chat session', async () => {
    const model = scripted([{ text: 'Sunny, 21 °C.' }]);
    const { agent, chat } = await startTaskAgent({ model });
    await agent.invoke('task/create', {
      id: 'weather',
      name: 'Morning weather',
      schedule: { kind: 'manual' },
      instructions: 'Report the weather in Lisbon.',
      deliver: { sessionId: 'chat:telegram:bot:42' },
    });
    const finished = (await agent.invoke('task/run', { taskId: 'weather', wait: true })).run;
    expect(finished).toMatchObject({ status: 'succeeded', output: 'Sunny, 21 °C.', attempt: 1, trigger: 'manual' });
    // wait returns once the run is final; delivery follows right after.
    const run = await waitForRun(agent, finished.id, (record) => record.delivery?.status === 'delivered');
    expect(run.sessionId).toBe(`task:${run.id}`);
    expect(run.id).toMatch(/^weather:manual-/);
    expect(chat.deliveries).toEqual([{ sessionId: 'chat:telegram:bot:42', text: 'Sunny, 21 °C.', caller: 'task' }]);
    const session = await agent.session.get(run.sessionId);
    expect(session).toMatchObject({ kind: 'task', metadata: { taskId: 'weather', runId: run.id } });
    const history = await agent.session.history(run.sessionId);
    expect(history.map((message) => [message.role, message.content])).toEqual([
      ['user', 'Report the weather in Lisbon.'],
      ['assistant', [{ type: 'text', text: 'Sunny, 21 °C.' }]],
    ]);
    const info = await agent.invoke('task/run-info', { runId: run.id, messages: 5 });
    expect(info.messages.map((message) => message.text)).toEqual(['Report the weather in Lisbon.', 'Sunny, 21 °C.']);
    await agent.stop();
  });

  it('delivers to a channel target, and continue-history runs share one session', async () => {
    const model = scripted([{ text: 'first' }, { text: 'second' }]);
    const { agent, chat } = await startTaskAgent({ model });
    await agent.invoke('task/create', {
      id: 'journal',
      schedule: { kind: 'manual' },
      instructions: 'Write the next journal line.',
      history: 'continue',
      deliver: { target: { channel: 'telegram', chatId: '42', threadId: '7' } },
    });
    const first = (await agent.invoke('task/run', { taskId: 'journal', wait: true })).run;
    const second = (await agent.invoke('task/run', { taskId: 'journal', wait: true })).run;
    expect([first.sessionId, second.sessionId]).toEqual(['task:journal', 'task:journal']);
    await vi.waitFor(() =>
      expect(chat.deliveries.map((delivery) => [delivery.target, delivery.text])).toEqual([
        [{ channel: 'telegram', chatId: '42', threadId: '7' }, 'first'],
        [{ channel: 'telegram', chatId: '42', threadId: '7' }, 'second'],
      ]),
    );
    expect((await agent.session.history('task:journal')).map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    // The second run's prompt saw the first run's exchange.
    expect(JSON.stringify(model.calls[1]?.prompt)).toContain('first');
    const info = await agent.invoke('task/run-info', { runId: second.id, messages: 10 });
    expect(info.messages.map((message) => message.text)).toEqual(['Write the next journal line.', 'second']);
    await agent.stop();
  });

  it('records a clear delivery error when no chat service is installed; the run still succeeds', async () => {
    const { agent } = await startTaskAgent({ withoutChat: true, scripts: { hello: () => 'hi' } });
    await agent.invoke('task/create', { id: 'greet', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'hello' }, deliver: { sessionId: 'chat:x' } });
    const finished = (await agent.invoke('task/run', { taskId: 'greet', wait: true })).run;
    expect(finished.status).toBe('succeeded');
    const run = await waitForRun(agent, finished.id, (record) => record.delivery?.status !== 'pending');
    expect(run.delivery).toMatchObject({ status: 'failed', error: { code: 'DELIVERY_FAILED', message: expect.stringMatching(/no service provides "chat\/send".*@downcity\/chat/) } });
    await agent.stop();
  });

  it('retries a model failure (HTTP 500) with backoff, then succeeds', async () => {
    const model = scripted([{ error: { status: 500, message: 'upstream exploded' } }, { text: 'recovered' }]);
    const { agent, clock, chat } = await startTaskAgent({ model });
    await agent.invoke('task/create', {
      id: 'flaky',
      schedule: { kind: 'manual' },
      instructions: 'Do it.',
      retries: { max: 2, backoffMs: 10_000, factor: 3 },
      deliver: { sessionId: 'chat:1' },
    });
    const { run } = await agent.invoke('task/run', { taskId: 'flaky' });
    const waiting = await waitForRun(agent, run.id, (record) => record.status === 'queued' && record.attempt === 1);
    expect(waiting.retryAt).toBe(new Date(clock.now() + 10_000).toISOString());
    expect(waiting.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', error: expect.objectContaining({ code: ErrorCodes.MODEL_UNAVAILABLE }) })]);
    await clock.advance(9_999);
    expect((await agent.invoke('task/run-info', { runId: run.id })).run.status).toBe('queued');
    await clock.advance(1);
    const done = await waitForRun(agent, run.id);
    expect(done).toMatchObject({ status: 'succeeded', output: 'recovered', attempt: 2 });
    expect(done.error).toBeUndefined();
    expect(done.attempts.map((attempt) => attempt.status)).toEqual(['failed', 'succeeded']);
    // The prompt is stored once per run: the retry continues from it instead of repeating it.
    expect((await agent.session.history(done.sessionId)).filter((message) => message.role === 'user')).toHaveLength(1);
    await vi.waitFor(() => expect(chat.deliveries.map((delivery) => delivery.text)).toEqual(['recovered']));
    await agent.stop();
  });

  it('retries a script that fails once; gives up after max retries with the last error', async () => {
    let calls = 0;
    const { agent, clock } = await startTaskAgent({
      scripts: {
        once: () => {
          if (++calls === 1) throw new Error('disk busy');
          return { cleaned: 3 };
        },
        never: () => {
          throw new Error('always broken');
        },
      },
    });
    await agent.invoke('task/create', { id: 'clean', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'once' }, retries: { max: 1, backoffMs: 1_000 } });
    await agent.invoke('task/create', { id: 'broken', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'never' }, retries: { max: 2, backoffMs: 1_000, factor: 2 } });
    const clean = (await agent.invoke('task/run', { taskId: 'clean' })).run;
    const broken = (await agent.invoke('task/run', { taskId: 'broken' })).run;
    await clock.advance(1_000);
    await clock.advance(2_000);
    expect(await waitForRun(agent, clean.id)).toMatchObject({ status: 'succeeded', output: '{"cleaned":3}', attempt: 2 });
    const failed = await waitForRun(agent, broken.id);
    expect(failed).toMatchObject({ status: 'failed', attempt: 3, error: { code: 'SCRIPT_FAILED', message: 'Script "never" failed: always broken' } });
    expect(failed.attempts.map((attempt) => attempt.startedAt.slice(11, 19))).toEqual(['08:00:00', '08:00:01', '08:00:03']);
    await agent.stop();
  });

  it('does not retry errors another attempt cannot fix', async () => {
    const { agent } = await startTaskAgent({});
    await agent.invoke('task/create', { id: 'nomodel', schedule: { kind: 'manual' }, instructions: 'Hi', retries: { max: 3 } });
    await agent.invoke('task/create', { id: 'noscript', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'missing' }, retries: { max: 3 } });
    await agent.invoke('task/create', { id: 'noaction', schedule: { kind: 'manual' }, script: { kind: 'action', action: 'weather/fetch' }, retries: { max: 3 } });
    expect((await agent.invoke('task/run', { taskId: 'nomodel', wait: true })).run).toMatchObject({ status: 'failed', attempt: 1, error: { code: ErrorCodes.MODEL_NOT_CONFIGURED } });
    expect((await agent.invoke('task/run', { taskId: 'noscript', wait: true })).run).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'SCRIPT_UNKNOWN', message: expect.stringMatching(/createTaskService\(\{ scripts/) } });
    expect((await agent.invoke('task/run', { taskId: 'noaction', wait: true })).run).toMatchObject({ status: 'failed', attempt: 1, error: { code: ErrorCodes.ACTION_UNKNOWN } });
    await agent.stop();
  });

  it('runs a script task that invokes another service action, with no model', async () => {
    const { agent, chat } = await startTaskAgent({});
    await agent.invoke('task/create', { id: 'ping', schedule: { kind: 'manual' }, script: { kind: 'action', action: 'chat/send', input: { sessionId: 'chat:ops', text: 'ping' } } });
    const { run } = await agent.invoke('task/run', { taskId: 'ping', wait: true });
    expect(run).toMatchObject({ status: 'succeeded', output: '{"delivered":true}' });
    expect(chat.deliveries).toEqual([{ sessionId: 'chat:ops', text: 'ping', caller: 'task' }]);
    await agent.stop();
  });

  it('times out a model that hangs: the turn is aborted and the run is timed_out', async () => {
    const { model, stats } = hangingModel();
    const { agent, clock, chat } = await startTaskAgent({ model });
    await agent.invoke('task/create', { id: 'slow', schedule: { kind: 'manual' }, instructions: 'Think forever.', timeoutMs: 30_000, deliver: { sessionId: 'chat:1' } });
    const { run } = await agent.invoke('task/run', { taskId: 'slow' });
    await waitForRun(agent, run.id, (record) => record.status === 'running');
    await clock.advance(30_000);
    const done = await waitForRun(agent, run.id);
    expect(done).toMatchObject({ status: 'timed_out', error: { code: ErrorCodes.TIMEOUT, message: expect.stringMatching(/timeoutMs \(30000 ms\)/) } });
    expect(stats.aborted).toBe(1);
    await vi.waitFor(() => expect(chat.deliveries.map((delivery) => delivery.text)).toEqual([expect.stringMatching(/^Task "slow" timed out/)]));
    await agent.stop();
  });

  it('cancels a running run (the model call is aborted) and a queued one', async () => {
    const { model, stats } = hangingModel();
    const { agent } = await startTaskAgent({ model, task: { maxConcurrency: 1 } });
    await agent.invoke('task/create', { id: 'a', schedule: { kind: 'manual' }, instructions: 'A' });
    await agent.invoke('task/create', { id: 'b', schedule: { kind: 'manual' }, instructions: 'B' });
    const running = (await agent.invoke('task/run', { taskId: 'a' })).run;
    const queued = (await agent.invoke('task/run', { taskId: 'b' })).run;
    await waitForRun(agent, running.id, (record) => record.status === 'running');
    expect((await agent.invoke('task/run-info', { runId: queued.id })).run.status).toBe('queued');
    await vi.waitFor(() => expect(stats.calls).toBe(1));
    const first = await agent.invoke('task/cancel', { runId: running.id });
    expect(first).toMatchObject({ cancelled: true, run: { status: 'cancelled', error: { code: ErrorCodes.ABORTED, message: 'Cancelled by agent.' } } });
    expect(stats.aborted).toBe(1);
    // b started once a was cancelled; cancel it too.
    await waitForRun(agent, queued.id, (record) => record.status === 'running');
    expect((await agent.invoke('task/cancel', { runId: queued.id })).run.status).toBe('cancelled');
    expect(await agent.invoke('task/cancel', { runId: queued.id })).toMatchObject({ cancelled: false, run: { status: 'cancelled' } });
    await agent.stop();
  });

  it('cancels a run waiting out its retry backoff', async () => {
    const { agent } = await startTaskAgent({ scripts: { fail: () => Promise.reject(new Error('nope')) } });
    await agent.invoke('task/create', { id: 'f', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'fail' }, retries: { max: 3, backoffMs: 60_000 } });
    const { run } = await agent.invoke('task/run', { taskId: 'f' });
    await waitForRun(agent, run.id, (record) => record.status === 'queued' && record.attempt === 1);
    expect((await agent.invoke('task/cancel', { runId: run.id })).run).toMatchObject({ status: 'cancelled', attempt: 1 });
    await agent.stop();
  });

  it('a before-run guard deny stops the run (status denied); after-run effects receive every final record', async () => {
    const guarded: BeforeRunInput[] = [];
    const observed: AfterRunPayload[] = [];
    const auth = definePlugin({
      package: { name: 'test-auth', version: '1.0.0', downcity: { id: 'auth', kind: 'plugin', attaches: { 'task/before-run': { kind: 'guard' }, 'task/after-run': { kind: 'effect' } } } },
      setup: () => ({
        handlers: {
          'task/before-run': (input): GuardVerdict => {
            guarded.push(input);
            return input.task.id === 'secret' ? { allow: false, reason: 'owner may not run secret tasks' } : { allow: true };
          },
          'task/after-run': (payload) => void observed.push(payload),
        },
      }),
    });
    let ran = 0;
    const { agent } = await startTaskAgent({ plugins: [auth], scripts: { count: () => String(++ran) } });
    await agent.invoke('task/create', { id: 'secret', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'count' } });
    await agent.invoke('task/create', { id: 'open', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'count' } });
    const principal = { id: 'telegram:42', channel: 'telegram' };
    const denied = (await agent.invoke('task/run', { taskId: 'secret', wait: true }, { principal })).run;
    expect(denied).toMatchObject({ status: 'denied', attempt: 0, error: { code: ErrorCodes.DENIED, message: 'Denied by "auth": owner may not run secret tasks' } });
    expect(ran).toBe(0);
    expect(guarded[0]).toMatchObject({ task: { id: 'secret' }, run: { id: denied.id, status: 'queued' }, principal });
    const allowed = (await agent.invoke('task/run', { taskId: 'open', wait: true })).run;
    expect(allowed).toMatchObject({ status: 'succeeded', output: '1' });
    await vi.waitFor(() =>
      expect(observed.map((payload) => [payload.task.id, payload.run.status])).toEqual([
        ['secret', 'denied'],
        ['open', 'succeeded'],
      ]),
    );
    expect(observed[1]?.run).toEqual(allowed);
    await agent.stop();
  });
});
