import type { ProviderOptions } from '../model/provider-options.js';
import type { AgentConfigInput } from '../config/agent-config.js';
import type { ServiceDefinition } from '../definition/define-service.js';
import type { PluginDefinition } from '../definition/define-plugin.js';
import type { HttpSurface } from '../http/http-surface.js';
import type { LoggerOptions } from '../logger/create-logger.js';
import type { Logger } from '../logger/logger.js';
import type { ModelChoice } from '../model/model-candidates.js';
import type { Store } from '../store/store.js';
import type { Cluster } from '../cluster/cluster.js';

/** Options for {@link createAgent}. */
export interface AgentOptions {
  /** The agent config (usually from `downcity.config.ts`). Validated at start. */
  config?: AgentConfigInput;
  /**
   * The model: an AI SDK provider model (`LanguageModelV4` from AI SDK 7 providers, or `LanguageModelV3`; e.g. `openai('gpt-4o-mini')`), a model config, or a `provider:model` string such as
   * `openai:gpt-4o-mini`; or a list of these, tried in order: a turn whose model fails with 429, 5xx, an
   * overload, a call timeout or a network error after its retries moves to the next (any other failure is
   * reported). Overrides `config.model`. Without any, the agent starts and serves everything that needs no model.
   */
  model?: ModelChoice | readonly ModelChoice[];
  /**
   * Provider options sent with every model call, e.g. `{ anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } }`.
   * Merged over each model's own `providerOptions` from config; a session's `metadata.providerOptions` and a turn's `providerOptions` override them per key.
   */
  providerOptions?: ProviderOptions;
  /** Services to load. Order does not matter; dependencies decide it. */
  services?: readonly ServiceDefinition[];
  /** Plugins to load. */
  plugins?: readonly PluginDefinition[];
  /** The store (default: an in-memory store; use `@downcity/store-libsql` for durability). */
  store?: Store;
  /**
   * The cluster this agent is one worker of (e.g. `createPostgresCluster({ store })` from
   * `@downcity/cluster-postgres`, on the same database as `store`). Packages see it as `context.cluster` and move
   * their queues, single-owner connections and live events onto it. Without one, the agent is a single process.
   */
  cluster?: Cluster;
  /**
   * The shared HTTP surface packages mount their routes on (`context.http`), e.g.
   * `createHttpSurface(config.http)` from `@downcity/http`; the CLI passes one. Closed when the agent stops.
   * Without one, `context.http` is undefined and packages serve on listeners of their own.
   */
  http?: HttpSurface;
  /**
   * The project folder the agent was loaded from (the CLI passes the folder of `downcity.config.ts`), resolved to an
   * absolute path. Packages read it as `context.agent.projectDir`; the console adds plugins there. Leave it out for an
   * agent that is not a project of its own.
   */
  projectDir?: string;
  /** Environment variables (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock usage records and daily budgets go by, epoch milliseconds (default `Date.now`); tests pass one to cross a UTC midnight. */
  now?: () => number;
  /** A logger, or options for the default pino logger. */
  logger?: Logger | LoggerOptions;
  /**
   * How many recent log lines the agent keeps for packages that read them (`permissions.logs`, e.g. the console's
   * log tail). Default 1,000. Nothing is kept when no loaded package reads logs.
   */
  logTapCapacity?: number;
}
