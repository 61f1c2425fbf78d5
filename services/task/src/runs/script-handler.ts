import type { Invoke, JsonObject, JsonValue, Logger, SessionApi } from '@downcity/core';
import type { TaskView } from '../tasks/task-entry.js';
import type { RunRecord } from './run-record.js';

/** What a script handler receives. */
export interface ScriptCall {
  /** The task. */
  task: TaskView;
  /** The run record as it starts this attempt. */
  run: RunRecord;
  /** `script.input` from the task definition. */
  input: JsonObject;
  /** Aborted on cancel, timeout or agent stop; stop work promptly when it fires. */
  signal: AbortSignal;
  /** Calls other services' actions (as the task service, on behalf of the run's principal when you pass it). */
  invoke: Invoke;
  /** Session capabilities, e.g. to append to the run's session. */
  session: SessionApi;
  /** The task service's logger. */
  logger: Logger;
}

/** What a script handler may return: text, any JSON value (stored as JSON text), or nothing. */
export type ScriptResult = JsonValue | undefined | void;

/**
 * A named script, registered in code with `createTaskService({ scripts: { name: handler } })` and
 * referenced by tasks as `script: { kind: "handler", name }`. Runs without a model. Throw to fail
 * the attempt (it is retried per the task's `retries`).
 */
export type ScriptHandler = (call: ScriptCall) => ScriptResult | Promise<ScriptResult>;
