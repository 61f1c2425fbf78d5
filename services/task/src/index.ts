/**
 * `@downcity/task`: scheduled and on-demand tasks for Downcity agents. Each run is a session;
 * retries, timeouts, concurrency, overlap and missed-run policies, restart-safe schedule state.
 *
 * @packageDocumentation
 */
export { createTaskService, taskService, type TaskServiceOptions } from './service.js';
export { ConfigSchema, type TaskServiceConfig, type TaskServiceConfigInput } from './config.js';
export type { AfterRunPayload, BeforeRunInput } from './points.js';
export { createSystemClock, MAX_TIMER_DELAY_MS, type Clock } from './schedule/clock.js';
export {
  AtScheduleSchema,
  CronScheduleSchema,
  IntervalScheduleSchema,
  ManualScheduleSchema,
  MAX_INTERVAL_MS,
  MIN_INTERVAL_MS,
  ScheduleSchema,
  type Schedule,
  type ScheduleInput,
} from './schedule/schedule-schema.js';
export { firstFire, fireAfter } from './schedule/next-fire.js';
export { isKnownTimeZone } from './schedule/time-zone.js';
export {
  CreateTaskInputSchema,
  DeliverSchema,
  RetriesSchema,
  ScriptSchema,
  TaskIdSchema,
  TaskSpecSchema,
  type Deliver,
  type Script,
  type TaskSpec,
  type TaskSpecInput,
} from './tasks/task-spec.js';
export { TaskViewSchema, type TaskView } from './tasks/task-entry.js';
export { PauseSchema, type Pause } from './tasks/task-pauses.js';
export { RunErrorSchema, RunRecordSchema, RunStatusSchema, FINAL_STATUSES, type RunError, type RunRecord, type RunStatus } from './runs/run-record.js';
export { RunErrorCodes, type RunErrorCode } from './runs/run-error.js';
export { DELIVERY_ACTION } from './runs/deliver-result.js';
export type { ScriptCall, ScriptHandler, ScriptResult } from './runs/script-handler.js';

/** The package's definition, as the CLI loader expects (decision 0004). */
export { taskService as default } from './service.js';
