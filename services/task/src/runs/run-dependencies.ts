import type { ExecutionContext } from '@downcity/core';
import type { TaskServiceConfig } from '../config.js';
import type { Clock } from '../schedule/clock.js';
import type { TaskEntry, TaskView } from '../tasks/task-entry.js';
import type { TaskRegistry } from '../tasks/task-registry.js';
import type { RunRecord } from './run-record.js';
import type { RunStore } from './run-store.js';
import type { ScriptHandler } from './script-handler.js';

/** How a live attempt can be stopped from outside. */
export interface RunControl {
  /** Aborts the attempt. */
  controller: AbortController;
  /** Set before aborting: who asked. */
  reason?: 'cancel' | 'timeout';
  /** Who cancelled, for the error message. */
  cancelledBy?: string;
}

/** What executing a run needs from the task service. */
export interface RunDependencies {
  /** The task service's execution context. */
  context: ExecutionContext<TaskServiceConfig>;
  /** The clock for timeouts and backoff. */
  clock: Clock;
  /** Run records. */
  runs: RunStore;
  /** Known tasks. */
  tasks: TaskRegistry;
  /** Script handlers registered in code. */
  scripts: Readonly<Record<string, ScriptHandler>>;
  /** Live attempts by run id. */
  controls: Map<string, RunControl>;
  /** The public view of a task. */
  view(task: TaskEntry): TaskView;
  /** Called once a run reaches a final status. */
  settled(record: RunRecord): void;
  /**
   * Set when the agent is one worker of a cluster: run records are shared with other workers, which may cancel
   * a run or finalize it meanwhile.
   */
  shared?: {
    /** Who asked to cancel the run (from any worker), or `undefined`. */
    cancelRequestedBy(runId: string): Promise<string | undefined>;
  };
}
