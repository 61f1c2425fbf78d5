import { z } from 'zod';
import { PrincipalSchema } from './principal-schema.js';
import { PauseSchema, type Pause } from './task-pauses.js';
import { TaskFieldsSchema, TaskSpecSchema, type TaskSpec } from './task-spec.js';

/** A runtime task as stored in the `task:tasks` collection. */
export const StoredTaskSchema = z.object({
  spec: TaskSpecSchema,
  owner: PrincipalSchema.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** A stored runtime task. */
export type StoredTask = z.output<typeof StoredTaskSchema>;

/** A task the service knows, from config or created at runtime. */
export interface TaskEntry {
  /** The validated definition. */
  spec: TaskSpec;
  /** `config` tasks come from `services.task.tasks`; `runtime` ones from `task/create`. */
  source: 'config' | 'runtime';
  /** Who the task runs on behalf of (the principal that created it), when known. */
  owner?: z.output<typeof PrincipalSchema>;
  /** The caller that created it: a package id, `model` or `agent`. */
  createdBy?: string;
  /** When it was created, ISO. */
  createdAt?: string;
}

/** A task as actions return it and extension points receive it. */
export const TaskViewSchema = TaskFieldsSchema.extend({
  source: z.enum(['config', 'runtime']).describe('config: from services.task.tasks; runtime: created with task/create.'),
  owner: PrincipalSchema.optional(),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
  nextRunAt: z.string().nullable().describe('The next scheduled slot, ISO, or null (no more slots, manual, disabled or paused).'),
  paused: PauseSchema.nullable().describe('When and by whom the task was paused (task/pause), or null while it runs on schedule.'),
});

/** A task view. */
export type TaskView = z.output<typeof TaskViewSchema>;

/** Builds the view of a task. */
export function toTaskView(entry: TaskEntry, nextRunAt: number | undefined, paused: Pause | undefined): TaskView {
  return {
    ...entry.spec,
    source: entry.source,
    ...(entry.owner ? { owner: entry.owner } : {}),
    ...(entry.createdBy ? { createdBy: entry.createdBy } : {}),
    ...(entry.createdAt ? { createdAt: entry.createdAt } : {}),
    nextRunAt: nextRunAt === undefined ? null : new Date(nextRunAt).toISOString(),
    paused: paused ?? null,
  };
}
