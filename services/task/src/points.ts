import type { ActionSignature, EffectPoint, GuardPoint, Principal } from '@downcity/core';
import type { z } from 'zod';
import type { RunRecord } from './runs/run-record.js';
import type { RunStatusSchema, RunRecordSchema } from './runs/run-record.js';
import type { TaskView, TaskViewSchema } from './tasks/task-entry.js';
import type { CreateTaskInputSchema } from './tasks/task-spec.js';

/** What `task/before-run` guards receive, before the first attempt of every run. */
export interface BeforeRunInput {
  /** The task. */
  task: TaskView;
  /** The run about to start (status `queued`). */
  run: RunRecord;
  /** Who the run acts for: the task's owner, or whoever triggered it manually. Absent for config tasks. */
  principal?: Principal;
}

/** What `task/after-run` effects receive, once per run that reached a final status. */
export interface AfterRunPayload {
  /** The task. */
  task: TaskView;
  /** The final run record, including output, error and delivery. */
  run: RunRecord;
}

type TaskOut = z.output<typeof TaskViewSchema>;
type RunOut = z.output<typeof RunRecordSchema>;

declare module '@downcity/core' {
  interface ExtensionPoints {
    /** Guard before a run starts; a deny records the run as `denied` with the reason. The auth plugin attaches here. */
    'task/before-run': GuardPoint<BeforeRunInput>;
    /** Effect after a run reaches a final status. */
    'task/after-run': EffectPoint<AfterRunPayload>;
  }
  interface Actions {
    /** Creates a runtime task. */
    'task/create': ActionSignature<z.input<typeof CreateTaskInputSchema>, { task: TaskOut }>;
    /** Lists tasks. */
    'task/list': ActionSignature<Record<string, never>, { tasks: TaskOut[] }>;
    /** Shows one task with its latest runs. */
    'task/get': ActionSignature<{ taskId: string }, { task: TaskOut; recentRuns: RunOut[] }>;
    /** Deletes a runtime task. */
    'task/delete': ActionSignature<{ taskId: string }, { deleted: boolean; cancelledRuns: number }>;
    /** Runs a task now. */
    'task/run': ActionSignature<{ taskId: string; wait?: boolean }, { run: RunOut }>;
    /** Lists runs, newest first. */
    'task/runs': ActionSignature<{ taskId?: string; status?: z.output<typeof RunStatusSchema>; limit?: number }, { runs: RunOut[] }>;
    /** Inspects one run. */
    'task/run-info': ActionSignature<{ runId: string; messages?: number }, { run: RunOut; messages: { seq: number; role: string; text: string; createdAt: string }[] }>;
    /** Cancels a queued or running run. */
    'task/cancel': ActionSignature<{ runId: string }, { run: RunOut; cancelled: boolean }>;
    /** Pauses a task's schedule until `task/resume` (persisted); `changed` is false when it was already paused. */
    'task/pause': ActionSignature<{ taskId: string }, { task: TaskOut; changed: boolean }>;
    /** Resumes a paused task, its next run computed from now; `changed` is false when it was not paused. */
    'task/resume': ActionSignature<{ taskId: string }, { task: TaskOut; changed: boolean }>;
  }
}
