import path from 'node:path';
import type { z } from 'zod';
import type { ActionRegistry } from '../action/action-registry.js';
import type { ActionDefinition, Invoke } from '../action/action.js';
import { runtimeActionsFor } from '../action/runtime-actions-for.js';
import { createToolActions } from '../action/tool-actions.js';
import type { AgentConfig } from '../config/agent-config.js';
import { parseWithSchema } from '../config/parse-with-schema.js';
import type { ExecutionContext } from '../context/execution-context.js';
import type { InstructionsContributor, ServiceInstance } from '../definition/define-service.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { HandlerRegistration, Handlers, PointName } from '../extension/extension-points.js';
import type { ExtensionRegistry, RegisteredHandler } from '../extension/extension-registry.js';
import { createExtensionRunner } from '../extension/extension-runner.js';
import type { HttpSurface } from '../http/http-surface.js';
import type { Cluster } from '../cluster/cluster.js';
import { packageCluster } from '../cluster/package-cluster.js';
import type { LogTap } from '../logger/log-tap.js';
import type { Logger } from '../logger/logger.js';
import type { SessionManager } from '../session/session-manager.js';
import type { JsonObject, Store } from '../store/store.js';
import type { AgentInfo } from './agent-info.js';
import type { DisposerStack } from './disposer-stack.js';
import type { PlannedPackage } from './plan-packages.js';

/** Everything needed to set up one package. */
export interface SetUpPackageOptions {
  planned: PlannedPackage;
  config: AgentConfig;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  sessions: SessionManager;
  store: Store;
  actions: ActionRegistry;
  extensions: ExtensionRegistry;
  disposers: DisposerStack;
  signal: AbortSignal;
  http: HttpSurface | undefined;
  /** The agent's cluster, when it is one worker of several. */
  cluster: Cluster | undefined;
  agent: AgentInfo;
  logs: LogTap;
}

const DEFAULT_TIMEOUT_MS = { guard: 5_000, pipeline: 5_000, resolve: 5_000, effect: 10_000 } as const;

/** Validates the package's config slice, builds its context, runs setup and registers its handlers and actions. */
export async function setUpPackage(
  options: SetUpPackageOptions,
): Promise<{ instructions?: InstructionsContributor; start?: ServiceInstance['start']; ready?: ServiceInstance['ready'] }> {
  const { planned, disposers, signal } = options;
  const { manifest, definition } = planned;
  const id = manifest.id;
  const section = manifest.kind === 'service' ? 'services' : 'plugins';
  const slice = options.config[section][id];
  const config = definition.config
    ? parseWithSchema(definition.config as z.ZodType, slice ?? {}, { code: ErrorCodes.CONFIG_INVALID, subject: `config for ${manifest.kind} "${id}"`, root: `${section}.${id}` })
    : slice;
  const logger = options.logger.child({ package: id });

  const invoke: Invoke = async (name, input, invokeOptions = {}) =>
    (await options.actions.invoke(name, input, id, { ...invokeOptions, signal: invokeOptions.signal ?? signal })) as never;

  const context: ExecutionContext<unknown> = {
    id,
    config,
    env: options.env,
    logger,
    session: options.sessions,
    invoke,
    actions: runtimeActionsFor({ manifest, registry: options.actions, disposers }),
    tools: createToolActions({ registry: options.actions, caller: id, signal }),
    plugins: createExtensionRunner({ registry: options.extensions, owner: id, logger, signal }),
    storage: {
      collection: <T extends JsonObject>(name: string) => options.store.collection<T>(`${id}:${name}`),
      search: options.store.search,
      batch: (operations) =>
        options.store.batch(
          operations.map((operation) =>
            operation.type === 'collection.put' || operation.type === 'collection.delete' ? { ...operation, collection: `${id}:${operation.collection}` } : operation,
          ),
        ),
    },
    dataDir: path.resolve(options.config.agent.dataDir),
    agent: options.agent,
    http: options.http,
    cluster: options.cluster ? packageCluster(options.cluster, id) : undefined,
    logs: manifest.permissions.logs === true ? options.logs : undefined,
    signal,
    onDispose: (dispose) => disposers.push(id, dispose),
  };

  let instance: ServiceInstance;
  try {
    instance = (await definition.setup(context as never)) as ServiceInstance;
  } catch (error) {
    if (DowncityError.is(error)) throw error;
    throw new DowncityError(ErrorCodes.INTERNAL, `Setting up ${manifest.kind} "${id}" (${planned.name}) failed: ${(error as Error).message}`, { cause: error });
  }

  registerHandlers(options, instance.handlers ?? {});
  registerActions(options, instance.actions ?? {});
  return {
    ...(instance.instructions ? { instructions: instance.instructions } : {}),
    ...(manifest.kind === 'service' && instance.start ? { start: instance.start } : {}),
    ...(manifest.kind === 'service' && instance.ready ? { ready: instance.ready } : {}),
  };
}

function registerHandlers(options: SetUpPackageOptions, handlers: Handlers): void {
  const { planned, extensions, disposers } = options;
  const id = planned.manifest.id;
  const attaches = planned.manifest.attaches;
  for (const [point, entry] of Object.entries(handlers) as [PointName, Handlers[PointName]][]) {
    const attachment = attaches[point];
    if (!attachment) {
      throw new DowncityError(
        ErrorCodes.EXTENSION_POINT_UNKNOWN,
        `"${id}" returned a handler for "${point}" but its manifest does not list it under "attaches". Add it to the manifest so users can see it.`,
      );
    }
    if (planned.skipped.includes(point) || entry === undefined) continue;
    const registration = (typeof entry === 'function' ? { handler: entry } : entry) as HandlerRegistration<PointName>;
    const remove = extensions.add({
      owner: id,
      point,
      kind: attachment.kind,
      priority: registration.priority ?? attachment.priority ?? 0,
      timeoutMs: registration.timeoutMs ?? DEFAULT_TIMEOUT_MS[attachment.kind],
      run: registration.handler as RegisteredHandler['run'],
    });
    disposers.push(id, remove);
  }
  for (const point of Object.keys(attaches)) {
    if (!planned.skipped.includes(point) && !(point in handlers)) {
      throw new DowncityError(
        ErrorCodes.MANIFEST_INVALID,
        `"${id}" declares in its manifest that it attaches to "${point}", but setup returned no handler for it. Return one, or remove it from the manifest.`,
      );
    }
  }
}

function registerActions(options: SetUpPackageOptions, actions: Record<string, ActionDefinition>): void {
  const { planned, disposers } = options;
  const manifest = planned.manifest;
  const id = manifest.id;
  for (const [short, definition] of Object.entries(actions)) {
    const name = `${id}/${short}`;
    const declared = manifest.actions[name];
    if (!declared) {
      throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `${manifest.kind === 'service' ? 'Service' : 'Plugin'} "${id}" returned action "${name}" that its manifest does not declare under "actions".`);
    }
    disposers.push(id, options.actions.add({ name, owner: id, tool: declared.tool && definition.tool !== false, definition }));
  }
  for (const name of Object.keys(manifest.actions)) {
    if (!(name.slice(id.length + 1) in actions)) {
      throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `${manifest.kind === 'service' ? 'Service' : 'Plugin'} "${id}" declares action "${name}" in its manifest but setup returned no such action.`);
    }
  }
}
