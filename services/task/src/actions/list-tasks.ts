import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { canSee } from '../engine/visibility.js';
import { TaskViewSchema } from '../tasks/task-entry.js';

/** `task/list`: the tasks the caller may see, with their next run time. */
export function listTasksAction(engine: TaskEngine) {
  return defineAction({
    description: 'List scheduled tasks with their schedule and next run time.',
    input: z.object({}).strict(),
    output: z.object({ tasks: z.array(TaskViewSchema) }),
    tool: true,
    run: (_input, call) => ({ tasks: engine.tasks.list().filter((task) => canSee(task, call)).map((task) => engine.view(task)) }),
  });
}
