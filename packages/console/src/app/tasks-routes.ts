import { HttpProblem, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import type { TasksData } from '../api/tasks-data.js';
import { viaAction } from './action-problem.js';
import type { ConsoleVariables } from './console-variables.js';

/** What the task routes need. */
export interface TaskRoutesOptions {
  /** The API prefix, e.g. `/console/api`. */
  api: string;
  /** Tasks through the task service. */
  tasks: TasksData;
}

const noTask = (taskId: string): HttpProblem => new HttpProblem({ status: 404, code: 'TASK_NOT_FOUND', message: `No task ${JSON.stringify(taskId)}.` });

/** Answers `found`, or 404 `TASK_NOT_FOUND` when it is undefined. */
function taskOr404<T>(taskId: string, found: T | undefined): T {
  if (found === undefined) throw noTask(taskId);
  return found;
}

/**
 * The console's task API (behind the session check; changes behind the CSRF check): `GET tasks`, `GET tasks/:id?limit=`,
 * `POST tasks/:id/run`, `POST tasks/:id/pause`, `POST tasks/:id/resume`, `POST runs/:runId/cancel`.
 */
export function addTaskRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: TaskRoutesOptions): void {
  const { api, tasks } = options;
  app.get(`${api}/tasks`, async (c) => c.json({ tasks: await tasks.list() }));
  app.get(`${api}/tasks/:id`, async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 20) || 20, 1), 200);
    return c.json(taskOr404(c.req.param('id'), await tasks.detail(c.req.param('id'), limit)));
  });
  app.post(`${api}/tasks/:id/run`, async (c) => c.json({ run: taskOr404(c.req.param('id'), await viaAction(() => tasks.runNow(c.req.param('id')))) }));
  app.post(`${api}/tasks/:id/pause`, async (c) => c.json(taskOr404(c.req.param('id'), await viaAction(() => tasks.pause(c.req.param('id'))))));
  app.post(`${api}/tasks/:id/resume`, async (c) => c.json(taskOr404(c.req.param('id'), await viaAction(() => tasks.resume(c.req.param('id'))))));
  app.post(`${api}/runs/:runId/cancel`, async (c) => {
    const runId = c.req.param('runId');
    const cancelled = await viaAction(() => tasks.cancel(runId));
    if (!cancelled) throw new HttpProblem({ status: 404, code: 'RUN_NOT_FOUND', message: `No task run ${JSON.stringify(runId)}.` });
    return c.json(cancelled);
  });
}
