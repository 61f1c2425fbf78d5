import type { Invoke } from '../action/action.js';
import type { RuntimeActions } from '../action/runtime-actions.js';
import type { ToolActions } from '../action/tool-actions.js';
import type { AgentInfo } from '../agent/agent-info.js';
import type { ExtensionRunner } from '../extension/extension-points.js';
import type { HttpSurface } from '../http/http-surface.js';
import type { PackageCluster } from '../cluster/cluster.js';
import type { LogTap } from '../logger/log-tap.js';
import type { Logger } from '../logger/logger.js';
import type { SessionApi } from '../session/session-api.js';
import type { Collection, JsonObject, SearchIndex, WriteOperation } from '../store/store.js';

/** The storage a package gets: collections namespaced by the package id, and the search index. */
export interface PackageStorage {
  /** Returns the package's own collection `name` (stored as `<package id>:<name>`). */
  collection<T extends JsonObject = JsonObject>(name: string): Collection<T>;
  /** Full-text and vector search; use the package id as namespace prefix. */
  readonly search: SearchIndex;
  /**
   * Applies writes atomically: all succeed or none is visible. Collection names are the package's
   * own (namespaced like {@link PackageStorage.collection}); session writes act on shared sessions.
   */
  batch(operations: WriteOperation[]): Promise<void>;
}

/**
 * The one capability surface the agent gives a service or plugin. Services and plugins never
 * reach the agent's internals; everything they may do goes through here.
 */
export interface ExecutionContext<Config = unknown> {
  /** The id of the package this context belongs to. */
  readonly id: string;
  /** The package's own config slice, validated by its schema. */
  readonly config: Config;
  /** Environment variables (read-only). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A logger scoped to the package; secrets are redacted. */
  readonly logger: Logger;
  /** Session capabilities. */
  readonly session: SessionApi;
  /** Calls another service's declared action. */
  readonly invoke: Invoke;
  /**
   * Adds and removes actions `<id>/<name>` while the service runs (e.g. the tools of an MCP server).
   * Only for a service whose manifest declares `runtimeActions`; undefined otherwise.
   */
  readonly actions: RuntimeActions | undefined;
  /**
   * The agent's tool actions (those the model may call), to list with their JSON Schemas and call by name on
   * a principal's behalf, e.g. to serve them over MCP. Calls run as this package, through the same validation
   * and guards as a model tool call.
   */
  readonly tools: ToolActions;
  /** Runs the extension points this service declares (plugins' handlers). */
  readonly plugins: ExtensionRunner;
  /** The package's own persistent state. */
  readonly storage: PackageStorage;
  /** The agent's data folder (default `.downcity`), for files a package keeps. */
  readonly dataDir: string;
  /** What the agent loaded and where from, read-only: e.g. a console listing the installed packages and their permissions. */
  readonly agent: AgentInfo;
  /**
   * The agent's shared HTTP surface: mount a fetch handler on it to serve HTTP (decision 0013). Undefined
   * when the host gave the agent none (`AgentOptions.http`); serve on a listener of your own then.
   */
  readonly http: HttpSurface | undefined;
  /**
   * The cluster this agent is one worker of: durable jobs, single-owner leases and events shared with the other
   * workers (decision 0020). Undefined for a single-process agent; a package then keeps its queues in memory.
   */
  readonly cluster: PackageCluster | undefined;
  /**
   * The agent's recent log lines, redacted like the log output (a bounded ring plus a live feed). Only for a
   * package whose manifest asks for `permissions.logs: true`; undefined otherwise.
   */
  readonly logs: LogTap | undefined;
  /** Aborted when the agent begins to stop. */
  readonly signal: AbortSignal;
  /**
   * Registers a disposer, run when the agent stops, in reverse order of registration. Every timer,
   * socket, listener and child process a package creates should be registered here. Returns a
   * function that runs and unregisters the disposer early.
   */
  onDispose(dispose: () => void | Promise<void>): () => Promise<void>;
}
