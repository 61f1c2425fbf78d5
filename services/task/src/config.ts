import { z } from 'zod';
import { TaskSpecSchema } from './tasks/task-spec.js';

/** The task service config, `services.task` in the agent config. */
export const ConfigSchema = z
  .object({
    tasks: z
      .array(TaskSpecSchema)
      .default([])
      .describe('Tasks defined in config. They cannot be deleted at runtime; edit the config instead.')
      .superRefine((tasks, context) => {
        const seen = new Set<string>();
        tasks.forEach((task, index) => {
          if (seen.has(task.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate task id ${JSON.stringify(task.id)}` });
          seen.add(task.id);
        });
      }),
    allowModelToCreate: z
      .boolean()
      .default(false)
      .describe('Offer task/create, task/delete, task/run, task/cancel, task/pause and task/resume to the model as tools. Read-only tools (task/list, task/get, task/runs, task/run-info) are always offered.'),
    maxConcurrency: z.number().int().min(1).max(64).default(4).describe('Runs executing at the same time, across all tasks.'),
    maxTasks: z.number().int().min(1).max(10_000).default(200).describe('Upper bound of tasks created at runtime.'),
    lateToleranceMs: z
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .default(60_000)
      .describe('A slot found due at most this late (restart, stalled process) still runs as on time; older slots follow the task\'s "missed" policy.'),
    keepRuns: z.number().int().min(1).max(100_000).default(200).describe('Finished run records kept per task; older ones are pruned.'),
  })
  .strict();

/** The task service config as validated. */
export type TaskServiceConfig = z.output<typeof ConfigSchema>;
/** The task service config as written. */
export type TaskServiceConfigInput = z.input<typeof ConfigSchema>;
