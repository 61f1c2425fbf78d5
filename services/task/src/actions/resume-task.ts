import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { TaskViewSchema } from '../tasks/task-entry.js';

/**
 * `task/resume`: puts a paused task back on its schedule, computed afresh from now; slots that passed while it
 * was paused are not run. Resuming a task that is not paused changes nothing.
 */
export function resumeTaskAction(engine: TaskEngine, options: { tool: boolean }) {
  return defineAction({
    description: 'Resume a paused task: its next run is computed from now; slots missed while paused do not run.',
    input: z.object({ taskId: z.string().min(1) }).strict(),
    output: z.object({ task: TaskViewSchema, changed: z.boolean().describe('false when the task was not paused.') }),
    tool: options.tool,
    run: async ({ taskId }, call) => {
      const task = await engine.visibleTask(taskId, call);
      const changed = await engine.resume(task);
      return { task: engine.view(task), changed };
    },
  });
}
