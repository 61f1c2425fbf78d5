import path from 'node:path';
import {
  AgentConfigSchema,
  createAgent,
  createLogger,
  createMemoryStore,
  describeFieldProblems,
  DowncityError,
  ErrorCodes,
  parseWithSchema,
  registerSecret,
  type Agent,
  type AgentConfigInput,
  type AgentOptions,
  type Cluster,
  type LogLevel,
  type Logger,
  type LoggerOptions,
  type PluginDefinition,
  type ServiceDefinition,
  type Store,
} from '@downcity/core';
import type { ChannelDefinition } from '@downcity/chat';
import { createHttpSurface } from '@downcity/http';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createPostgresStore } from '@downcity/store-postgres';
import { buildChatService, type TerminalMode } from './build-chat-service.js';
import { createWorkerCluster, type WorkerSettings } from './create-worker-cluster.js';
import { describeModel, type ModelSummary } from './describe-model.js';
import type { LoadedPackage } from './loaded-package.js';
import { loadPackages } from './load-packages.js';
import { modelFromEnv } from './model-from-env.js';
import { readProjectConfig, type ProjectConfig } from './read-project-config.js';
import { requirePostgresStore } from './require-postgres-store.js';
import { resolvePackages } from './resolve-packages.js';
import { validatePackagesConfig } from './validate-packages-config.js';

/** Options for {@link loadProject}. */
export interface LoadProjectOptions {
  /** The environment (default `process.env`). Variables from the project's `.env` are added to it where missing. */
  env?: Record<string, string | undefined>;
  /** A logger, or options for the default one (level: `agent.logLevel`, else `DOWNCITY_LOG_LEVEL`, else `info`). */
  logger?: Logger | LoggerOptions;
  /** The model, overriding `DOWNCITY_MODEL` and the config's `model` (e.g. a fake model in tests). */
  model?: AgentOptions['model'];
  /** The store, overriding the config's `store`. */
  store?: Store;
  /** The terminal channel: as the config says (`config`, default), `off`, or on the given streams. */
  terminal?: TerminalMode;
  /** More chat channels, besides the built-in ones and the channel packages in `use`. */
  channels?: readonly ChannelDefinition[];
  /**
   * Run as one worker of a cluster (`downcity start --worker`): the agent gets a PostgreSQL cluster on its
   * store's database and its HTTP surface shares `http.port` with the other workers on this host. Needs a
   * PostgreSQL store.
   */
  worker?: WorkerSettings;
}

/** A loaded project: its config, packages and an agent ready to start. */
export interface Project extends ProjectConfig {
  /** The agent, not started yet: `await project.agent.start()`. */
  agent: Agent;
  /** The `use` entries, imported, in order; the chat service is the one built with every channel. */
  packages: LoadedPackage[];
  /** The store the agent opens on start. */
  store: Store;
  /** The model the agent runs with. */
  model: ModelSummary;
  /** The cluster this process is a worker of (with `worker`), else undefined. */
  cluster: Cluster | undefined;
}

function withTerminal(input: AgentConfigInput, terminal: TerminalMode): AgentConfigInput {
  if (terminal === 'config') return input;
  const chat = (input.services?.chat ?? {}) as Record<string, unknown>;
  const channels = (chat.channels ?? {}) as Record<string, unknown>;
  const current = channels.terminal;
  const entry = terminal === 'off' ? false : current === undefined || current === false ? true : current;
  return { ...input, services: { ...input.services, chat: { ...chat, channels: { ...channels, terminal: entry } } } };
}

function checkDuplicates(use: readonly string[]): void {
  const seen = new Set<string>();
  for (const [index, specifier] of use.entries()) {
    if (seen.has(specifier)) {
      const problem = { path: `use.${index}`, message: `"${specifier}" is listed twice` };
      throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config:\n${describeFieldProblems([problem])}`, { details: { problems: [problem] } });
    }
    seen.add(specifier);
  }
}

/**
 * The store's pool size on PostgreSQL: a worker's jobs run on the store's pool (Graphile Worker keeps one of
 * its connections for LISTEN, and each running job queries through it), so it grows with the concurrency.
 */
const poolSizeFor = (concurrency: number | undefined): number | undefined => (concurrency === undefined ? undefined : Math.max(10, concurrency + 4));

function createStore(config: ProjectConfig['config'], dir: string, env: Readonly<Record<string, string | undefined>>, concurrency?: number): Store {
  if (config.store.kind === 'memory') return createMemoryStore();
  if (config.store.kind === 'postgres') {
    const url = config.store.url ?? env.DOWNCITY_DATABASE_URL;
    if (url === undefined || url === '') {
      const problem = { path: 'store.url', message: 'set DOWNCITY_DATABASE_URL (or store.url) to postgres://user:password@host:5432/database' };
      throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config:\n${describeFieldProblems([problem])}`, { details: { problems: [problem] } });
    }
    registerSecret(url);
    const maxConnections = poolSizeFor(concurrency);
    return createPostgresStore({ connectionString: url, schema: config.store.schema, ...(maxConnections === undefined ? {} : { maxConnections }) });
  }
  return createLibsqlStore({ path: path.resolve(dir, config.store.path) });
}

function createDefaultLogger(level: LogLevel | undefined, env: Readonly<Record<string, string | undefined>>): Logger {
  return createLogger({ level: level ?? (env.DOWNCITY_LOG_LEVEL as LogLevel | undefined) ?? 'info' });
}

/** Where `SO_REUSEPORT` lets processes share a port (Node.js raises an error for `reusePort` elsewhere). */
const REUSE_PORT_PLATFORMS: ReadonlySet<string> = new Set(['linux', 'freebsd', 'sunos', 'aix']);

/**
 * A worker's HTTP settings: workers on one host share `http.port`, the kernel spreading connections among them
 * (`SO_REUSEPORT`). Where ports cannot be shared, the workers of a supervisor take `http.port + index - 1`.
 */
function workerHttp(port: number, worker: WorkerSettings | undefined): { reusePort?: true; port?: number } {
  if (!worker) return {};
  if (REUSE_PORT_PLATFORMS.has(process.platform)) return { reusePort: true };
  return worker.slot && port !== 0 ? { port: port + worker.slot.index - 1 } : {};
}

const isLogger = (value: Logger | LoggerOptions): value is Logger => 'child' in value && typeof value.child === 'function';

/**
 * Loads a Downcity project (decision 0004): reads `.env` and `downcity.config.ts`, interpolates and
 * validates the config, resolves and imports every `use` entry, builds the chat service with its
 * channels and commands, creates the store, the model and the HTTP surface (`http`) (and, for a worker, the
 * cluster), and returns an agent ready to start.
 * Every config problem (the agent config and each package's slice) is reported at once, with
 * field paths, as a `CONFIG_INVALID` error.
 *
 * @example
 * ```ts
 * import { loadProject } from '@downcity/cli';
 *
 * const project = await loadProject('.', { model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake' } });
 * await project.agent.start();
 * // ...
 * await project.agent.stop();
 * ```
 */
export async function loadProject(dir: string, options: LoadProjectOptions = {}): Promise<Project> {
  const read = await readProjectConfig(dir, options.env ? { env: options.env } : {});
  const input = withTerminal(read.input, options.terminal ?? 'config');
  const config = parseWithSchema(AgentConfigSchema, input, { code: ErrorCodes.CONFIG_INVALID, subject: `config in ${path.basename(read.configFile)}` });
  checkDuplicates(config.use);
  if (options.worker) requirePostgresStore(config);

  const packages = await loadPackages(await resolvePackages(config.use, read.dir), config.isolation);
  const chat = buildChatService({ packages, terminal: options.terminal ?? 'config', ...(options.channels ? { extraChannels: options.channels } : {}) });
  const effective = packages.map((entry) => (chat && entry.kind === 'service' && entry.id === 'chat' ? { ...entry, definition: chat } : entry));
  const problems = validatePackagesConfig(config, effective);
  if (problems.length > 0) {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config in ${path.basename(read.configFile)}:\n${describeFieldProblems(problems)}`, { details: { problems } });
  }

  const services: ServiceDefinition[] = [];
  const plugins: PluginDefinition[] = [];
  for (const entry of effective) {
    if (entry.kind === 'service') services.push(entry.definition);
    else if (entry.kind === 'plugin') plugins.push(entry.definition);
  }
  const fromEnv = options.model === undefined ? modelFromEnv(read.env) : undefined;
  const model = options.model ?? fromEnv;
  const concurrency = options.worker ? (options.worker.concurrency ?? config.cluster.concurrency) : undefined;
  const store = options.store ?? createStore(config, read.dir, read.env, concurrency);
  const agentConfig: AgentConfigInput = {
    ...input,
    agent: { ...input.agent, dataDir: read.dataDir },
    ...(config.store.kind === 'libsql' ? { store: { kind: 'libsql', path: path.resolve(read.dir, config.store.path) } } : {}),
  };
  const given = options.logger ?? createDefaultLogger(config.agent.logLevel, read.env);
  const logger = isLogger(given) ? given : createLogger(given);
  // The agent's one HTTP surface (decision 0013): the HTTP channel, webhooks and the console share its port.
  const http = createHttpSurface({ ...config.http, ...workerHttp(config.http.port, options.worker), logger: logger.child({ component: 'http' }) });
  const cluster = options.worker ? await createWorkerCluster({ config, store, worker: options.worker, logger: logger.child({ component: 'cluster' }) }) : undefined;
  const agent = createAgent({
    config: agentConfig,
    services,
    plugins,
    store,
    env: read.env,
    logger,
    http,
    projectDir: read.dir,
    ...(model === undefined ? {} : { model }),
    ...(cluster === undefined ? {} : { cluster }),
  });
  const summary = describeModel(model ?? config.model, options.model !== undefined ? 'option' : fromEnv ? 'env' : 'config');
  return { ...read, input, config, agent, packages: effective, store, model: summary, cluster };
}
