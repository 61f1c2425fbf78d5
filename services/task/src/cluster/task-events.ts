import type { Logger, PackageCluster } from '@downcity/core';
import { z } from 'zod';

/** What one worker tells the others on the `task/events` topic. */
export const TaskEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['created', 'deleted', 'paused', 'resumed']).describe('A task was created, deleted, paused or resumed on worker `from`.'),
    taskId: z.string(),
    from: z.string().describe('The worker that made the change.'),
  }),
  z.object({ kind: z.literal('cancel'), runId: z.string(), by: z.string().describe('Who cancelled.') }),
  z.object({ kind: z.literal('settled'), runId: z.string().describe('A run that became final.') }),
]);

/** A task event. */
export type TaskEvent = z.output<typeof TaskEventSchema>;

const TOPIC = 'events';

/**
 * The task service's events between the workers of a cluster. Delivery is best effort (a worker that misses one
 * still does the right thing, only later): before a slot fires its pause and task are read from the store, and a
 * worker that runs a task it does not know loads it.
 */
export class TaskEvents {
  readonly #cluster: PackageCluster;
  readonly #logger: Logger;

  /** Wraps the package's cluster. */
  constructor(cluster: PackageCluster, logger: Logger) {
    this.#cluster = cluster;
    this.#logger = logger;
  }

  /** Publishes an event; a failure is logged, not thrown (the change itself is stored). */
  async publish(event: TaskEvent): Promise<void> {
    try {
      await this.#cluster.publish(TOPIC, event);
    } catch (error) {
      this.#logger.warn({ err: error, event: event.kind }, 'could not tell the other workers about a task change; they notice it later');
    }
  }

  /** Calls `listener` with every valid event (this worker's own included); returns the function that stops listening. */
  subscribe(listener: (event: TaskEvent) => void): Promise<() => Promise<void>> {
    return this.#cluster.subscribe(TOPIC, (message) => {
      const parsed = TaskEventSchema.safeParse(message);
      if (parsed.success) listener(parsed.data);
      else this.#logger.warn({ problems: parsed.error.issues.map((issue) => issue.message) }, 'ignoring a malformed task event');
    });
  }
}
