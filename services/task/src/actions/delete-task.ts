import { defineAction, DowncityError, ErrorCodes } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';

/** `task/delete`: removes a runtime task and cancels its live runs; run records stay for inspection. */
export function deleteTaskAction(engine: TaskEngine, options: { tool: boolean }) {
  return defineAction({
    description: 'Delete a task created at runtime; its queued and running runs are cancelled.',
    input: z.object({ taskId: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean(), cancelledRuns: z.number().int() }),
    tool: options.tool,
    run: async ({ taskId }, call) => {
      const task = await engine.visibleTask(taskId, call);
      if (task.source === 'config') {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `Task ${JSON.stringify(taskId)} is defined in config (services.task.tasks); remove it there, or set enabled: false.`, {
          details: { field: 'taskId' },
        });
      }
      return { deleted: true, cancelledRuns: await engine.delete(task, call) };
    },
  });
}
