import { defineAction, defineService } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestAgent } from './start-test-agent.js';

const clock = defineService({
  package: { name: 'clock', version: '1.0.0', downcity: { id: 'clock', kind: 'service', actions: { 'clock/now': { description: 'current time', tool: true } } } },
  setup: () => ({
    actions: { now: defineAction({ description: 'The current time', input: z.object({}), output: z.object({ iso: z.string() }), run: () => ({ iso: '2026-11-27T10:00:00Z' }) }) },
  }),
});

describe('startTestAgent', () => {
  it('runs turns with the echo model and shows the transcript', async () => {
    await using harness = await startTestAgent();
    expect((await harness.say('hello')).text).toBe('echo: hello');
    expect(await harness.transcript()).toEqual(['user: hello', 'assistant: echo: hello']);
  });

  it('drives tool calls through real actions', async () => {
    await using harness = await startTestAgent({ services: [clock] });
    harness.model?.enqueue({ toolCalls: [{ name: 'clock_now', arguments: {} }] }, { text: 'It is ten.' });
    const result = await harness.say('what time is it?');
    expect(result.text).toBe('It is ten.');
    expect(await harness.transcript()).toEqual([
      'user: what time is it?',
      'assistant: [call clock_now {}]',
      'tool: [result clock_now {"type":"json","value":{"iso":"2026-11-27T10:00:00Z"}}]',
      'assistant: It is ten.',
    ]);
  });
});
