import { DowncityError, ErrorCodes, type ExecutionContext } from '@downcity/core';
import type { RunRecord, TaskView } from '@downcity/task';

/** One run of a task as the console shows it: status, timings, output or error. */
export type TaskRunView = Pick<
  RunRecord,
  'id' | 'taskId' | 'sessionId' | 'trigger' | 'status' | 'scheduledFor' | 'createdAt' | 'startedAt' | 'finishedAt' | 'attempt' | 'maxAttempts' | 'retryAt' | 'output' | 'error' | 'delivery'
>;

/** A task as the console lists it: schedule, next run, paused state and its latest run. */
export interface TaskRow extends Pick<TaskView, 'id' | 'name' | 'schedule' | 'source' | 'enabled' | 'nextRunAt' | 'paused' | 'deliver' | 'instructions'> {
  /** What a run does: a model turn with the task's instructions, or a script (an action or a handler), by name. */
  runs: { kind: 'model' } | { kind: 'script'; name: string };
  /** The newest run, or null before the first. */
  lastRun: TaskRunView | null;
}

/** The body of `GET <console>/api/tasks/:id`. */
export interface TaskDetail {
  /** The task. */
  task: TaskRow;
  /** Its newest runs, newest first. */
  runs: TaskRunView[];
}

/** The answer to pausing or resuming a task. */
export interface TaskChange {
  /** The task afterwards. */
  task: TaskRow;
  /** Whether anything changed (false: it was already paused, or not paused). */
  changed: boolean;
}

/** Tasks through the task service's actions, called as the console (it sees every task). */
export interface TasksData {
  /** Every task, config tasks first; `null` when the task service is not loaded. */
  list(): Promise<TaskRow[] | null>;
  /** One task and its newest `limit` runs; undefined when there is no such task (or no task service). */
  detail(taskId: string, limit: number): Promise<TaskDetail | undefined>;
  /** Runs the task now (a paused task too); the run is queued, not awaited. Undefined when there is no such task. */
  runNow(taskId: string): Promise<TaskRunView | undefined>;
  /** Pauses the task's schedule; `changed` is false when it was already paused. Undefined when there is no such task. */
  pause(taskId: string): Promise<TaskChange | undefined>;
  /** Resumes a paused task, its next run computed from now; `changed` is false when it was not paused. Undefined when there is no such task. */
  resume(taskId: string): Promise<TaskChange | undefined>;
  /** Cancels a queued or running run; `cancelled` is false when it had already finished. Undefined when there is no such run. */
  cancel(runId: string): Promise<{ run: TaskRunView; cancelled: boolean } | undefined>;
}

/** The fields of a run record the console shows. */
function runView(run: RunRecord): TaskRunView {
  const { id, taskId, sessionId, trigger, status, scheduledFor, createdAt, startedAt, finishedAt, attempt, maxAttempts, retryAt, output, error, delivery } = run;
  return {
    id,
    taskId,
    sessionId,
    trigger,
    status,
    scheduledFor,
    createdAt,
    attempt,
    maxAttempts,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(retryAt === undefined ? {} : { retryAt }),
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
    ...(delivery === undefined ? {} : { delivery }),
  };
}

function taskRow(task: TaskView, lastRun: RunRecord | undefined): TaskRow {
  const { id, name, schedule, source, enabled, nextRunAt, paused, deliver, instructions, script } = task;
  return {
    id,
    ...(name === undefined ? {} : { name }),
    schedule,
    source,
    enabled,
    nextRunAt,
    paused,
    deliver,
    ...(instructions === undefined ? {} : { instructions }),
    runs: script ? { kind: 'script', name: script.kind === 'action' ? script.action : script.name } : { kind: 'model' },
    lastRun: lastRun ? runView(lastRun) : null,
  };
}

/** {@link TasksData} over an execution context. */
export function tasksData(context: ExecutionContext): TasksData {
  const lastRun = async (taskId: string) => (await context.invoke('task/runs', { taskId, limit: 1 })).runs[0];
  const row = async (task: TaskView) => taskRow(task, await lastRun(task.id));
  const find = async (taskId: string): Promise<TaskView | undefined> => {
    try {
      return (await context.invoke('task/list', {})).tasks.find((task) => task.id === taskId);
    } catch (error) {
      if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return undefined;
      throw error;
    }
  };
  return {
    async list() {
      try {
        const { tasks } = await context.invoke('task/list', {});
        return await Promise.all(tasks.map(row));
      } catch (error) {
        if (DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return null;
        throw error;
      }
    },
    async detail(taskId, limit) {
      const task = await find(taskId);
      if (!task) return undefined;
      const { runs } = await context.invoke('task/runs', { taskId, limit });
      return { task: taskRow(task, runs[0]), runs: runs.map(runView) };
    },
    async runNow(taskId) {
      if (!(await find(taskId))) return undefined;
      return runView((await context.invoke('task/run', { taskId, wait: false })).run);
    },
    async pause(taskId) {
      if (!(await find(taskId))) return undefined;
      const { task, changed } = await context.invoke('task/pause', { taskId });
      return { task: await row(task), changed };
    },
    async resume(taskId) {
      if (!(await find(taskId))) return undefined;
      const { task, changed } = await context.invoke('task/resume', { taskId });
      return { task: await row(task), changed };
    },
    async cancel(runId) {
      try {
        await context.invoke('task/run-info', { runId });
      } catch (error) {
        // The task service answers an unknown run id with INPUT_INVALID ("No run ...").
        if (DowncityError.is(error, ErrorCodes.INPUT_INVALID) || DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) return undefined;
        throw error;
      }
      const { run, cancelled } = await context.invoke('task/cancel', { runId });
      return { run: runView(run), cancelled };
    },
  };
}
