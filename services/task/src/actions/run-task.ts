import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { RunRecordSchema } from '../runs/run-record.js';

/**
 * `task/run`: triggers a run now (subject to the task's overlap policy). With `wait`, returns the
 * final record as soon as the run has finished; its delivery may still be `pending`.
 */
export function runTaskAction(engine: TaskEngine, options: { tool: boolean }) {
  return defineAction({
    description: 'Run a task now, outside its schedule. With wait: true, return when the run has finished.',
    input: z.object({ taskId: z.string().min(1), wait: z.boolean().default(false).describe('Wait for the run to finish.') }).strict(),
    output: z.object({ run: RunRecordSchema }),
    tool: options.tool,
    run: async ({ taskId, wait }, call) => {
      const run = await engine.trigger(await engine.visibleTask(taskId, call), call);
      return { run: wait ? await engine.waitFor(run.id, call.signal) : run };
    },
  });
}
