import { withSpan } from '@downcity/core';
import { startTestTracing } from '@downcity/testing/tracing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { scripted, startTaskAgent } from '../../test/helpers.js';

const tracing = startTestTracing();
afterAll(() => tracing[Symbol.asyncDispose]());
beforeEach(() => tracing.reset());

describe('tracing task runs', () => {
  it('runs an instructions task in a task.run span with its turn inside, linked to the task/run call that queued it', async () => {
    const { agent } = await startTaskAgent({ model: scripted([{ text: 'Sunny.' }]) });
    try {
      await agent.invoke('task/create', { id: 'weather', schedule: { kind: 'manual' }, instructions: 'Report the weather.' });
      const caller = await withSpan('operator.request', {}, async (span) => {
        await agent.invoke('task/run', { taskId: 'weather', wait: true });
        return span.spanContext();
      });
      await tracing.until('task.run');
      const [run] = tracing.named('task.run');
      expect(run?.attributes).toMatchObject({ 'downcity.task.id': 'weather', 'downcity.task.trigger': 'manual', 'downcity.task.attempt': 1, 'downcity.task.status': 'succeeded' });
      // The link points at the task/run action's span, itself under the caller's span.
      const [action] = tracing.named('action task/run');
      expect(action?.parentSpanContext?.spanId).toBe(caller.spanId);
      expect(run?.links.map((link) => link.context.spanId)).toEqual([action?.spanContext().spanId]);
      const [turn] = tracing.named('invoke_agent');
      expect(turn?.parentSpanContext?.spanId).toBe(run?.spanContext().spanId);
    } finally {
      await agent.stop();
    }
  });

  it('marks a failed run error with its code', async () => {
    const { agent } = await startTaskAgent({ scripts: { boom: () => Promise.reject(new Error('no disk left')) } });
    try {
      await agent.invoke('task/create', { id: 'backup', schedule: { kind: 'manual' }, script: { kind: 'handler', name: 'boom' }, retries: { max: 0 } });
      const { run } = await agent.invoke('task/run', { taskId: 'backup', wait: true });
      expect(run.status).toBe('failed');
      await tracing.until('task.run');
      const [span] = tracing.named('task.run');
      expect(span?.status.code).toBe(2);
      expect(span?.status.message).toContain('no disk left');
      expect(span?.attributes['downcity.task.status']).toBe('failed');
    } finally {
      await agent.stop();
    }
  });
});
