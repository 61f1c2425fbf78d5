import { randomBytes } from 'node:crypto';
import { defineAction, DowncityError, ErrorCodes } from '@downcity/core';
import { z } from 'zod';
import type { TaskEngine } from '../engine/task-engine.js';
import { iso } from '../runs/run-ids.js';
import { TaskViewSchema } from '../tasks/task-entry.js';
import { CreateTaskInputSchema, TaskSpecSchema } from '../tasks/task-spec.js';

const invalid = (field: string, message: string): DowncityError =>
  new DowncityError(ErrorCodes.INPUT_INVALID, `Invalid task: ${field} ${message}`, { details: { field } });

/** `task/create`: validates and stores a runtime task, then schedules it. Nothing is stored when any check fails. */
export function createTaskAction(engine: TaskEngine, options: { tool: boolean; maxTasks: number }) {
  return defineAction({
    description:
      'Create a scheduled task: a cron expression with time zone, a one-shot time, an interval, or manual; with instructions for the model. Results go back to this chat unless deliver says otherwise.',
    input: CreateTaskInputSchema,
    output: z.object({ task: TaskViewSchema }),
    tool: options.tool,
    run: async (input, call) => {
      if (call.caller === 'model' && input.script) {
        throw new DowncityError(ErrorCodes.DENIED, 'The model may only create tasks with "instructions"; script tasks are defined in code or config.', { details: { field: 'script' } });
      }
      const now = engine.clock.now();
      if (input.schedule.kind === 'at' && Date.parse(input.schedule.at) <= now) {
        throw invalid('schedule.at', `(${input.schedule.at}) is in the past (now ${iso(now)}). Pick a future time.`);
      }
      if (engine.tasks.runtimeCount >= options.maxTasks) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `There are already ${options.maxTasks} tasks (services.task.maxTasks). Delete some before creating more.`);
      }
      const fromChat = call.sessionId !== undefined && !call.sessionId.startsWith('task:');
      const deliver = input.deliver ?? (fromChat && call.sessionId ? { sessionId: call.sessionId } : 'none');
      const spec = TaskSpecSchema.parse({ ...input, id: input.id ?? `task-${randomBytes(4).toString('hex')}`, deliver });
      const task = { spec, source: 'runtime' as const, createdBy: call.caller, createdAt: iso(now), ...(call.principal ? { owner: call.principal } : {}) };
      await engine.tasks.add(task);
      await engine.schedule(task);
      return { task: engine.view(task) };
    },
  });
}
