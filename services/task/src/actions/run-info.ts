import { defineAction, textOf, type SessionApi } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { RunRecordSchema } from '../runs/run-record.js';

/** `task/run-info`: one run record, and optionally the last messages of its session. */
export function runInfoAction(engine: TaskEngine, session: SessionApi) {
  return defineAction({
    description: 'Inspect one task run: status, times, attempts, output, error, delivery; optionally its last session messages.',
    input: z.object({ runId: z.string().min(1), messages: z.number().int().min(0).max(100).default(0).describe('How many of the run\'s last session messages to include.') }).strict(),
    output: z.object({
      run: RunRecordSchema,
      messages: z.array(z.object({ seq: z.number(), role: z.string(), text: z.string(), createdAt: z.string() })),
    }),
    tool: true,
    run: async ({ runId, messages }, call) => {
      const run = await engine.visibleRun(runId, call);
      if (messages === 0) return { run, messages: [] };
      const history = await session.history(run.sessionId, { limit: messages * 4 }).catch(() => []);
      const own = history.filter((message) => run.sessionId !== `task:${run.taskId}` || message.metadata.runId === run.id).slice(-messages);
      return { run, messages: own.map((message) => ({ seq: message.seq, role: message.role, text: textOf(message.content), createdAt: new Date(message.createdAt).toISOString() })) };
    },
  });
}
