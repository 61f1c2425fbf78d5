import { createAgent, createLogger, type Agent, type LogLevel } from '@downcity/core';
import { createPostgresCluster } from '@downcity/cluster-postgres';
import { createPostgresStore } from '@downcity/store-postgres';
import type { TestDatabase } from '@downcity/testing/postgres';
import { createTaskService, FINAL_STATUSES, type RunRecord, type ScriptHandler, type TaskServiceConfigInput } from '../src/index.js';
import type { FakeClock } from '../src/testing.js';

/** The log level of the agents and clusters under test: silent unless `DOWNCITY_LOG_LEVEL` asks for more. */
const level = (process.env.DOWNCITY_LOG_LEVEL as LogLevel | undefined) ?? 'silent';

/** One worker of a test cluster: an agent with its own store (pool) and cluster, as a separate process has. */
export interface ClusterWorker {
  /** A name for assertions: `w1`, `w2`... */
  name: string;
  agent: Agent;
  /** Its cluster's worker id. */
  workerId: string;
}

/** Options for {@link startClusterWorkers}. */
export interface ClusterWorkersOptions {
  /** The fake clock every worker's task service reads (one clock: the workers see the same time). */
  clock: FakeClock;
  /** The store schema; its cluster schema is `<schema>_worker`. */
  schema: string;
  /** The task service config of every worker. */
  task: TaskServiceConfigInput;
  /** Script handlers of a worker, given its name. */
  scripts?: (name: string) => Record<string, ScriptHandler>;
  /** Names of the workers to start (default `w1`, `w2`, `w3`). */
  names?: string[];
}

/** Starts workers on one store schema and one cluster schema of `database`, all at once (as a deploy does). */
export async function startClusterWorkers(database: TestDatabase, options: ClusterWorkersOptions): Promise<ClusterWorker[]> {
  const names = options.names ?? ['w1', 'w2', 'w3'];
  return Promise.all(
    names.map(async (name) => {
      const store = createPostgresStore({ connectionString: database.url, schema: options.schema, maxConnections: 4 });
      const cluster = createPostgresCluster({ store, schema: `${options.schema}_worker`, sweepIntervalMs: 200, leaseRetryMs: 200, logger: createLogger({ level }) });
      const agent = createAgent({
        logger: { level },
        config: { agent: { stopGraceMs: 0 }, services: { task: options.task } },
        store,
        cluster,
        services: [createTaskService({ clock: options.clock, scripts: options.scripts?.(name) ?? {} })],
      });
      await agent.start();
      return { name, agent, workerId: cluster.workerId };
    }),
  );
}

/** Stops workers (each closes its cluster, then its store). */
export async function stopClusterWorkers(workers: ClusterWorker[]): Promise<void> {
  await Promise.all(workers.splice(0).map((worker) => worker.agent.stop()));
}

/** Waits until `check` returns something other than `undefined`/`false`, polling; fails after `ms` saying what it waited for. */
export async function eventually<T>(what: string, check: () => T | Promise<T>, ms = 30_000): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the run is final (or satisfies `predicate`), read through `agent`. */
export function finalRun(agent: Agent, runId: string, predicate: (run: RunRecord) => boolean = (run) => FINAL_STATUSES.has(run.status)): Promise<RunRecord> {
  return eventually(`run ${runId}`, async () => {
    const { run } = await agent.invoke('task/run-info', { runId });
    return predicate(run) ? run : undefined;
  });
}

/** Every run of a task, oldest slot first. */
export async function runsOf(agent: Agent, taskId: string): Promise<RunRecord[]> {
  const { runs } = await agent.invoke('task/runs', { taskId, limit: 200 });
  return [...runs].sort((left, right) => left.scheduledFor.localeCompare(right.scheduledFor) || left.id.localeCompare(right.id));
}
