import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { ActionRegistry } from '../action/action-registry.js';
import type { ActionName, ActionInput, ActionOutput, InvokeOptions } from '../action/action.js';
import { createToolActions, type ToolActions } from '../action/tool-actions.js';
import { AgentConfigSchema, type AgentConfig } from '../config/agent-config.js';
import { parseWithSchema } from '../config/parse-with-schema.js';
import type { InstructionsContributor } from '../definition/define-service.js';
import { IN_PROCESS_ENFORCEMENT } from '../definition/define-plugin.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { ExtensionRegistry } from '../extension/extension-registry.js';
import { createLogger, defaultLogger } from '../logger/create-logger.js';
import { LogRing, isTappedLevel } from '../logger/log-tap.js';
import type { Logger } from '../logger/logger.js';
import { tapLogger } from '../logger/tap-logger.js';
import { resolveModelCandidates } from '../model/model-candidates.js';
import type { SessionApi } from '../session/session-api.js';
import { SessionManager } from '../session/session-manager.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import type { AgentOptions } from './agent-options.js';
import type { AgentInfo } from './agent-info.js';
import { DisposerStack } from './disposer-stack.js';
import type { PackageSummary } from './package-summary.js';
import { planPackages, type LoadPlan } from './plan-packages.js';
import { agentService } from './identity-service.js';
import { setUpPackage } from './set-up-package.js';
import { UsageLedger } from '../usage/usage-ledger.js';

/** The agent's lifecycle state. */
export type AgentState = 'stopped' | 'starting' | 'running' | 'stopping';

const isLogger = (value: AgentOptions['logger']): value is Logger => typeof value === 'object' && value !== null && 'child' in value && typeof value.child === 'function';
/**
 * The host process: loads services and plugins, owns the session store, gives each package its
 * execution context, and disposes everything in reverse order on stop.
 */
export class Agent {
  readonly #options: AgentOptions;
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #logs: LogRing;
  readonly #env: Readonly<Record<string, string | undefined>>;
  #state: AgentState = 'stopped';
  #config: AgentConfig | undefined;
  #plan: LoadPlan | undefined;
  #sessions: SessionManager | undefined;
  #actions = new ActionRegistry();
  #disposers = new DisposerStack();
  #abort = new AbortController();
  #skipped = new Map<string, string[]>();

  /** Creates an agent; nothing runs until {@link Agent.start}. */
  constructor(options: AgentOptions = {}) {
    this.#options = options;
    this.#store = options.store ?? createMemoryStore();
    this.#env = Object.freeze({ ...(options.env ?? process.env) });
    const base = isLogger(options.logger) ? options.logger : options.logger ? createLogger(options.logger) : defaultLogger();
    // The log tap records what the logger writes (pino says its level; other loggers are taken as `info`).
    const level: unknown = (base as { level?: unknown }).level;
    this.#logs = new LogRing({ ...(options.logTapCapacity === undefined ? {} : { capacity: options.logTapCapacity }), ...(isTappedLevel(level) ? { minLevel: level } : {}) });
    const bindings = { agent: options.config?.agent?.name ?? 'downcity' };
    this.#logger = tapLogger(base.child(bindings), this.#logs, bindings);
  }

  /** The lifecycle state. */
  get state(): AgentState {
    return this.#state;
  }

  /** The validated config (after start). */
  get config(): AgentConfig {
    if (!this.#config) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The agent config is validated on start(); start the agent first.');
    return this.#config;
  }

  /** The agent's logger. */
  get logger(): Logger {
    return this.#logger;
  }

  /** Session capabilities for the host app, tests and the CLI. */
  get session(): SessionApi {
    if (!this.#sessions || this.#state !== 'running') {
      throw new DowncityError(ErrorCodes.AGENT_STATE, `The agent is ${this.#state}; call start() before using sessions.`);
    }
    return this.#sessions;
  }

  /** Calls a service action as the host (`caller: "agent"`). */
  async invoke<Name extends ActionName>(name: Name, input: ActionInput<Name>, options: InvokeOptions = {}): Promise<ActionOutput<Name>> {
    if (this.#state !== 'running') throw new DowncityError(ErrorCodes.AGENT_STATE, `The agent is ${this.#state}; call start() before invoking actions.`);
    return (await this.#actions.invoke(name, input, 'agent', { ...options, signal: options.signal ?? this.#abort.signal })) as ActionOutput<Name>;
  }

  /** The tool actions, to list with their JSON Schemas and call as the host (`caller: "agent"`), e.g. for `downcity mcp`. */
  get tools(): ToolActions {
    return createToolActions({ registry: this.#actions, caller: 'agent', signal: this.#abort.signal });
  }

  /** What is loaded: ids, versions, points, actions, permissions. */
  packages(): PackageSummary[] {
    if (!this.#plan) return [];
    return this.#plan.packages.map(({ definition, manifest, name, version }) => ({
      id: manifest.id,
      kind: manifest.kind,
      name,
      version,
      declares:
        manifest.kind === 'service'
          ? Object.entries(manifest.extensionPoints).map(([point, declaration]) => ({ name: point, kind: declaration.kind, description: declaration.description }))
          : [],
      attaches: Object.entries(manifest.attaches).map(([point, attachment]) => ({
        name: point,
        kind: attachment.kind,
        skipped: this.#skipped.get(manifest.id)?.includes(point) ?? false,
      })),
      actions: Object.entries(manifest.actions).map(([action, declaration]) => ({ name: action, description: declaration.description, tool: declaration.tool })),
      permissions: manifest.permissions,
      enforced: definition.kind === 'plugin' && definition.enforced ? [...definition.enforced] : [IN_PROCESS_ENFORCEMENT],
    }));
  }

  /**
   * Validates config and manifests, orders packages, opens the store, sets every package up in
   * dependency order, then starts services, then tells them all is ready. On any failure, everything already set up is
   * disposed and the error is thrown.
   */
  async start(): Promise<void> {
    if (this.#state !== 'stopped') throw new DowncityError(ErrorCodes.AGENT_STATE, `Cannot start: the agent is ${this.#state}.`);
    this.#state = 'starting';
    this.#abort = new AbortController();
    // Every in-flight turn and handler links to this signal for its duration; many at once is normal.
    setMaxListeners(0, this.#abort.signal);
    this.#actions = new ActionRegistry();
    this.#disposers = new DisposerStack();
    try {
      await this.#boot();
      this.#state = 'running';
      this.#logger.debug({ packages: this.#plan?.packages.map((entry) => entry.manifest.id) }, 'agent started');
    } catch (error) {
      this.#abort.abort();
      await this.#disposers.disposeAll(this.#logger);
      this.#state = 'stopped';
      throw error;
    }
  }

  async #boot(): Promise<void> {
    const config = parseWithSchema(AgentConfigSchema, this.#options.config ?? {}, { code: ErrorCodes.CONFIG_INVALID, subject: 'agent config' });
    this.#config = config;
    const usage = new UsageLedger({ store: this.#store, settings: config.usage, ...(this.#options.now ? { now: this.#options.now } : {}) });
    const plan = planPackages([agentService(() => usage), ...(this.#options.services ?? []), ...(this.#options.plugins ?? [])]);
    this.#plan = plan;
    // Lines are recorded (and redacted) only when a loaded package reads them.
    this.#logs.enabled = plan.packages.some((planned) => planned.manifest.permissions.logs === true);
    const { candidates, turnTimeoutMs } = await resolveModelCandidates(this.#options.model, config.model, this.#env);
    if (candidates.length === 0) this.#logger.info('No model configured: set model (openai, anthropic, ollama or any OpenAI-compatible endpoint) to enable replies.');

    await this.#store.open();
    this.#disposers.push('agent', () => this.#store.close());
    const cluster = this.#options.cluster;
    if (cluster) {
      await cluster.open();
      this.#disposers.push('agent', () => cluster.close());
    }
    // Disposed after every package (reverse order): their routes unmount first, then any listener left closes.
    const http = this.#options.http;
    if (http) this.#disposers.push('agent', () => http.close());

    const extensions = new ExtensionRegistry();
    const contributors: { owner: string; contribute: InstructionsContributor }[] = [];
    const sessions = new SessionManager({
      store: this.#store,
      models: candidates,
      actions: this.#actions,
      contributors,
      instructions: config.agent.instructions,
      defaults: {
        window: config.session.window,
        maxSteps: config.session.maxSteps,
        timeoutMs: turnTimeoutMs,
        ...(this.#options.providerOptions ? { providerOptions: this.#options.providerOptions } : {}),
      },
      signal: this.#abort.signal,
      logger: this.#logger,
      usage,
    });
    this.#sessions = sessions;

    const projectDir = this.#options.projectDir === undefined ? undefined : path.resolve(this.#options.projectDir);
    const agent: AgentInfo = Object.freeze({ packages: () => this.packages(), projectDir });
    const starters: (() => void | Promise<void>)[] = [];
    const readies: (() => void | Promise<void>)[] = [];
    for (const planned of plan.packages) {
      this.#skipped.set(planned.manifest.id, planned.skipped);
      const instance = await setUpPackage({
        planned,
        config,
        env: this.#env,
        logger: this.#logger,
        sessions,
        store: this.#store,
        actions: this.#actions,
        extensions,
        disposers: this.#disposers,
        signal: this.#abort.signal,
        http,
        cluster,
        agent,
        logs: this.#logs,
      });
      if (instance.instructions) contributors.push({ owner: planned.manifest.id, contribute: instance.instructions });
      if (instance.start) starters.push(instance.start);
      if (instance.ready) readies.push(instance.ready);
    }
    for (const start of starters) await start();
    for (const ready of readies) await ready();
    if (cluster) {
      // Closed first on stop (before any package is disposed): no job starts while packages tear down.
      this.#disposers.push('agent', () => cluster.close());
      await cluster.run();
    }
  }

  /**
   * Stops the agent: waits up to `agent.stopGraceMs` for in-flight session work, aborts what is
   * left, then runs every disposer in reverse order and closes the store.
   */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    if (this.#state !== 'running') throw new DowncityError(ErrorCodes.AGENT_STATE, `Cannot stop: the agent is ${this.#state}.`);
    this.#state = 'stopping';
    const grace = this.#config?.agent.stopGraceMs ?? 0;
    if (this.#sessions && this.#sessions.busySessions > 0 && grace > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.#sessions.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, grace)))]);
      clearTimeout(timer);
    }
    this.#abort.abort(new DowncityError(ErrorCodes.ABORTED, 'The agent is stopping.'));
    await this.#disposers.disposeAll(this.#logger);
    this.#sessions = undefined;
    this.#state = 'stopped';
  }

  /** Stops the agent; for `await using agent = ...`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Creates an agent from config, a model, services, plugins and a store. */
export function createAgent(options: AgentOptions = {}): Agent {
  return new Agent(options);
}
