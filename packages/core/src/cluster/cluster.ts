/**
 * The cluster contract: what lets several agent processes (workers) share one database and act as one agent.
 *
 * A single-process agent has no cluster: its services queue work in memory and hold their connections
 * themselves. With a cluster (`AgentOptions.cluster`, e.g. `createPostgresCluster` from
 * `@downcity/cluster-postgres`), services hand durable jobs to a shared queue, take single-owner leases for
 * connections only one worker may hold, and publish events other workers listen to. See decision 0020.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from '../store/store.js';

/** A durable job: stored in the shared database, run once on whichever worker is free. */
export interface ClusterJob {
  /** The handler that runs it, as registered with {@link Cluster.handle} (e.g. `chat/turn`). */
  task: string;
  /** What the handler needs; JSON only. Keep it small: an id to load, not the data itself. */
  payload: JsonObject;
  /**
   * A named queue: jobs of one queue run one at a time, in the order they were added, across all workers
   * (e.g. one queue per chat session). Jobs without a queue run in parallel.
   */
  queue?: string;
  /**
   * A de-duplication key: while a job with this key exists (waiting, running or failed), adding another with
   * the same key adds nothing.
   */
  key?: string;
  /** Run no earlier than this time, epoch milliseconds. Default now. */
  runAt?: number;
  /** How many times it is tried before it is given up. Default 25. */
  maxAttempts?: number;
}

/** One attempt at a job, as its handler sees it. */
export interface ClusterJobRun {
  /** The job's id in the queue. */
  readonly jobId: string;
  /** This attempt's number, from 1. More than 1 when an earlier attempt failed or its worker died. */
  readonly attempt: number;
  /** The attempts allowed. */
  readonly maxAttempts: number;
  /** When the job became runnable (its `runAt`), epoch milliseconds, by the database clock. */
  readonly runnableAt: number;
  /** The worker running it. */
  readonly workerId: string;
}

/**
 * Runs one job. Resolve when the work is done (the job is then removed). Throw to have it tried again later
 * with backoff (up to `maxAttempts`). A throw while the agent is stopping (its signal aborted) hands the job back
 * at once, keeping its place in its queue, for another worker. A worker that dies mid-job leaves it to another
 * worker, which runs it again with a higher `attempt`: handlers must be idempotent.
 */
export type ClusterJobHandler = (payload: JsonObject, run: ClusterJobRun) => Promise<void>;

/** What a lease's holder does while it owns the lease. */
export interface LeaseHolder {
  /** This worker now owns the lease: start the single-owner work (e.g. connect long polling). A throw gives the lease back and it is tried again later. */
  acquired(): Promise<void>;
  /** This worker lost or gave up the lease (its database connection broke, or it is stopping): stop the work now. Must not throw. */
  lost(): Promise<void>;
}

/** A worker of the cluster, as listed by {@link Cluster.members}. */
export interface ClusterMember {
  /** The worker's id. */
  workerId: string;
  /** When it joined, epoch milliseconds. */
  startedAt: number;
  /** The host it runs on and its process id, for operators. */
  host: string;
  pid: number;
}

/**
 * The agent-level cluster a host passes as `AgentOptions.cluster`. The agent opens it after the store, lets
 * every package register handlers, runs it once every service is ready, and closes it first on stop (running
 * jobs see the agent's signal abort; a job that throws then is tried again on another worker).
 */
export interface Cluster {
  /** A short name for logs and `doctor` (e.g. `postgres`). */
  readonly name: string;
  /** This worker's id, unique in the cluster for the life of the process. */
  readonly workerId: string;
  /** Connects, prepares its tables, and joins the cluster (so other workers see this one alive). */
  open(): Promise<void>;
  /** Starts taking jobs. Called once every package registered its handlers. */
  run(): Promise<void>;
  /** Stops taking jobs, waits for running ones to settle, gives up leases and subscriptions, leaves the cluster. */
  close(): Promise<void>;
  /** Registers the handler of a task; before {@link Cluster.run}. */
  handle(task: string, handler: ClusterJobHandler): void;
  /** Adds a job. */
  enqueue(job: ClusterJob): Promise<void>;
  /**
   * Stores a new collection entry and adds a job in one transaction: both or neither. When an entry with this
   * id exists already, nothing is stored or added and the result is `false` (a duplicate delivery).
   *
   * @param entry - the entry to insert: its collection (the full, namespaced name), id and value
   * @param job - the job to add with it
   */
  insertAndEnqueue(entry: { collection: string; id: string; value: JsonObject }, job: ClusterJob): Promise<boolean>;
  /**
   * Competes for a named lease: at most one worker of the cluster holds it at a time. While this worker holds
   * it, `holder.acquired` has run; when the worker dies its lease is free within seconds and another worker's
   * holder takes over. Returns a function that gives the lease up (calling `lost` when held) and stops competing.
   *
   * @param name - the lease's name, e.g. `chat/connection/telegram:123`
   * @param holder - what to start and stop
   */
  hold(name: string, holder: LeaseHolder): () => Promise<void>;
  /**
   * Sends a message to every worker subscribed to `topic` (this one included), in publish order per publisher.
   * Delivery is best effort: a worker that is not subscribed when it is sent never sees it.
   */
  publish(topic: string, message: JsonValue): Promise<void>;
  /** Listens to a topic until the returned function is called. */
  subscribe(topic: string, listener: (message: JsonValue) => void): Promise<() => Promise<void>>;
  /** The live workers. */
  members(): Promise<ClusterMember[]>;
}

/**
 * The cluster as one package sees it (`context.cluster`): task, lease and topic names are the package's own
 * (`<package id>/<name>`), collection names as in `context.storage` (`<package id>:<name>`).
 */
export interface PackageCluster {
  /** This worker's id. */
  readonly workerId: string;
  /** Registers the handler of the package's task `name`; call it in `setup` or `start`. */
  handle(name: string, handler: ClusterJobHandler): void;
  /** Adds a job of one of the package's tasks (`job.task` is the package-local name). */
  enqueue(job: ClusterJob): Promise<void>;
  /** Inserts an entry into one of the package's collections and adds a job, in one transaction; `false` for a duplicate id. */
  insertAndEnqueue(entry: { collection: string; id: string; value: JsonObject }, job: ClusterJob): Promise<boolean>;
  /** Competes for the package's lease `name`; see {@link Cluster.hold}. */
  hold(name: string, holder: LeaseHolder): () => Promise<void>;
  /** Publishes on the package's topic. */
  publish(topic: string, message: JsonValue): Promise<void>;
  /** Subscribes to the package's topic; call the returned function to stop. */
  subscribe(topic: string, listener: (message: JsonValue) => void): Promise<() => Promise<void>>;
  /** The live workers. */
  members(): Promise<ClusterMember[]>;
}
