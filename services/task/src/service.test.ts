import { createAgent, createMemoryStore } from '@downcity/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTaskService } from './service.js';

afterEach(() => void vi.useRealTimers());

describe('task service lifecycle', () => {
  it('starting and stopping 200 times on the system clock leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: Date.parse('2026-01-01T00:00:00Z') });
    const store = createMemoryStore();
    const tasks = [
      { id: 'cron', schedule: { kind: 'cron' as const, expression: '*/5 * * * *', timeZone: 'Europe/Berlin' }, script: { kind: 'handler' as const, name: 'noop' } },
      { id: 'far', schedule: { kind: 'at' as const, at: '2027-06-01T00:00:00Z' }, script: { kind: 'handler' as const, name: 'noop' } },
      { id: 'tick', schedule: { kind: 'interval' as const, everyMs: 1_000 }, script: { kind: 'handler' as const, name: 'noop' } },
    ];
    for (let round = 0; round < 200; round++) {
      const agent = createAgent({ logger: { level: 'silent' }, store, services: [createTaskService({ scripts: { noop: () => 'ok' } })], config: { services: { task: { tasks } } } });
      await agent.start();
      expect(vi.getTimerCount()).toBe(3);
      await agent.stop();
      expect(vi.getTimerCount()).toBe(0);
    }
    // 200 agent lifecycles take a few seconds on a busy 2-core machine: a generous budget, not a duration check.
  }, 60_000);
});
