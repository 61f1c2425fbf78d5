import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { RunRecordSchema } from '../runs/run-record.js';
import { TaskViewSchema } from '../tasks/task-entry.js';

/** `task/get`: one task and its five most recent runs. */
export function getTaskAction(engine: TaskEngine) {
  return defineAction({
    description: 'Show one task: its definition, next run time and latest runs.',
    input: z.object({ taskId: z.string().min(1) }).strict(),
    output: z.object({ task: TaskViewSchema, recentRuns: z.array(RunRecordSchema) }),
    tool: true,
    run: async ({ taskId }, call) => {
      const task = await engine.visibleTask(taskId, call);
      return { task: engine.view(task), recentRuns: await engine.runs.list({ taskId, limit: 5 }) };
    },
  });
}
