import { defineService, type ServiceDefinition } from '@downcity/core';
import pkg from '../package.json' with { type: 'json' };
import { cancelRunAction } from './actions/cancel-run.js';
import { createTaskAction } from './actions/create-task.js';
import { deleteTaskAction } from './actions/delete-task.js';
import { getTaskAction } from './actions/get-task.js';
import { listRunsAction } from './actions/list-runs.js';
import { listTasksAction } from './actions/list-tasks.js';
import { pauseTaskAction } from './actions/pause-task.js';
import { resumeTaskAction } from './actions/resume-task.js';
import { runInfoAction } from './actions/run-info.js';
import { runTaskAction } from './actions/run-task.js';
import { ConfigSchema } from './config.js';
import { TaskEngine } from './engine/task-engine.js';
import './points.js';
import type { ScriptHandler } from './runs/script-handler.js';
import { createSystemClock, type Clock } from './schedule/clock.js';

/** Options for {@link createTaskService}: what cannot live in config because it is code. */
export interface TaskServiceOptions {
  /** The clock; a `createFakeClock` (from `@downcity/task/test`) in tests. Default: the system clock. */
  clock?: Clock;
  /** Script handlers by name, for tasks with `script: { kind: "handler", name }`. */
  scripts?: Record<string, ScriptHandler>;
}

/**
 * Creates the task service. Use {@link taskService} unless you register script handlers or
 * need a fake clock.
 *
 * @example
 * ```ts
 * const tasks = createTaskService({ scripts: { cleanup: async ({ signal }) => 'removed 3 files' } });
 * const agent = createAgent({ services: [tasks], config: { services: { task: { tasks: [...] } } } });
 * ```
 */
export function createTaskService(options: TaskServiceOptions = {}): ServiceDefinition<typeof ConfigSchema> {
  return defineService({
    package: pkg,
    config: ConfigSchema,
    setup(context) {
      const engine = new TaskEngine({ context, clock: options.clock ?? createSystemClock(), scripts: { ...options.scripts } });
      context.onDispose(() => engine.stop());
      const manage = { tool: context.config.allowModelToCreate };
      return {
        actions: {
          create: createTaskAction(engine, { ...manage, maxTasks: context.config.maxTasks }),
          list: listTasksAction(engine),
          get: getTaskAction(engine),
          delete: deleteTaskAction(engine, manage),
          run: runTaskAction(engine, manage),
          runs: listRunsAction(engine),
          'run-info': runInfoAction(engine, context.session),
          cancel: cancelRunAction(engine, manage),
          pause: pauseTaskAction(engine, manage),
          resume: resumeTaskAction(engine, manage),
        },
        start: () => engine.start(),
      };
    },
  });
}

/** The task service with the system clock and no script handlers. */
export const taskService: ServiceDefinition<typeof ConfigSchema> = createTaskService();
