import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { canSee } from '../engine/visibility.js';
import { RunRecordSchema, RunStatusSchema } from '../runs/run-record.js';

/** `task/runs`: run records, newest first. */
export function listRunsAction(engine: TaskEngine) {
  return defineAction({
    description: 'List task runs, newest first, optionally for one task or one status.',
    input: z
      .object({
        taskId: z.string().min(1).optional(),
        status: RunStatusSchema.optional(),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    output: z.object({ runs: z.array(RunRecordSchema) }),
    tool: true,
    run: async ({ taskId, status, limit }, call) => {
      if (taskId !== undefined) await engine.visibleTask(taskId, call);
      const runs = await engine.runs.list({ ...(taskId === undefined ? {} : { taskId }), ...(status === undefined ? {} : { status }), limit });
      return {
        runs: runs.filter((run) => {
          const task = engine.tasks.get(run.taskId);
          return call.caller !== 'model' || (task !== undefined && canSee(task, call));
        }),
      };
    },
  });
}
