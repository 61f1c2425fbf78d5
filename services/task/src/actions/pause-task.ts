import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { TaskViewSchema } from '../tasks/task-entry.js';

/**
 * `task/pause`: stops a task's schedule until `task/resume`, across restarts. Runs already queued or running go
 * on, and `task/run` still runs a paused task. Pausing a paused task changes nothing.
 */
export function pauseTaskAction(engine: TaskEngine, options: { tool: boolean }) {
  return defineAction({
    description: 'Pause a task: its schedule stops firing (also after a restart) until task/resume. Running runs go on; task/run still works.',
    input: z.object({ taskId: z.string().min(1) }).strict(),
    output: z.object({ task: TaskViewSchema, changed: z.boolean().describe('false when the task was already paused.') }),
    tool: options.tool,
    run: async ({ taskId }, call) => {
      const task = await engine.visibleTask(taskId, call);
      const changed = await engine.pause(task, call);
      return { task: engine.view(task), changed };
    },
  });
}
