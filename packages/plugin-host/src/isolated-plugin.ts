import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { versions } from 'node:process';
import { z } from 'zod';
import {
  DowncityError,
  ErrorCodes,
  jsonSchemaInput,
  packageEntry,
  type ActionDefinition,
  readPackageManifest,
  type ExecutionContext,
  type Handlers,
  type JsonObject,
  type PluginDefinition,
  type TurnInfo,
} from '@downcity/core';
import { childEntry } from './child-entry-path.js';
import { enforcementLines } from './enforcement-lines.js';
import { codeFolders } from './code-folders.js';
import { hostEnv } from './host-env.js';
import { PluginHostProcess } from './host-process.js';
import { startEgressProxy } from './egress-proxy.js';
import { bwrapArgs, EGRESS_BRIDGE_PORT, egressEnv, networkEnforcement, nodeHonoursEnvProxy, type NetworkIsolation } from './network-wrapper.js';
import { hasDataDir, permissionFlags } from './permission-flags.js';
import type { ContextMethod } from './protocol.js';
import { SessionCrossing } from './session-crossing.js';
import { storageCall } from './storage-calls.js';
import { mayInvoke, notUsedError } from './uses-check.js';

/** How long a turn waits for an isolated plugin's system prompt contribution. */
const INSTRUCTIONS_TIMEOUT_MS = 2_000;

/** Options of {@link isolatedPlugin}. */
export interface IsolatedPluginOptions {
  /** The host's V8 heap limit in MiB (default 128). */
  maxHeapMb?: number;
  /** The first restart delay after a crash in ms (default 250), doubled per crash up to 30 s. */
  initialBackoffMs?: number;
  /**
   * How a plugin's network is limited (cut off, or to its declared hosts): `auto` (default) with bubblewrap when
   * installed, else a warning; `require` refuses to load without bubblewrap; `off` does not try.
   */
  networkIsolation?: NetworkIsolation;
  /** The largest message the host may send, in bytes (default 4 MiB); a larger one kills the host as misbehaving. */
  maxMessageBytes?: number;
  /** How often the running host is pinged (default 5,000 ms), and how long it has to answer before it is killed as hung (default 10,000 ms). */
  liveness?: { intervalMs?: number; timeoutMs?: number };
  /**
   * How long the host has to take a call it was sent (default 2,000 ms) before it is judged blocked and killed;
   * calls it never took go to the next host.
   */
  ackTimeoutMs?: number;
  /** The longest the plugin may hold a session's exclusive lock (default 60,000 ms); the agent then lets go. */
  exclusiveHoldMs?: number;
}

/**
 * Loads a plugin package to run in its own child process instead of the agent's (decision 0028). The package is
 * never imported here: its manifest is read from package.json, and the definition returned forwards each
 * attached point's handler over IPC to a host that enforces the manifest's permissions with Node's permission
 * model (files, programs), an environment holding only its declared secrets, and a heap limit. Core sets it up
 * like any plugin, so priorities, timeouts and fail-closed semantics stay core's own.
 *
 * Network: a plugin that declares none runs in a network namespace of its own (bubblewrap `--unshare-net`); one
 * that declares a host list runs there too, reaching only those hosts through an egress proxy in the agent.
 * A plugin that declares actions is started with the agent (the model needs their input schemas); they run in
 * the host, validated there by the plugin's own schemas.
 *
 * @param packageDir - the plugin's folder (holding its package.json)
 * @throws DowncityError `MANIFEST_INVALID` when the package is not a plugin; `CONFIG_INVALID`
 * when `networkIsolation` is `require` and bubblewrap is not installed; `MANIFEST_INVALID` when a declared host is
 * not a host
 */
export async function isolatedPlugin(packageDir: string, options: IsolatedPluginOptions = {}): Promise<PluginDefinition> {
  const folder = path.resolve(packageDir);
  const { manifest, info } = await readPackageManifest(folder);
  if (manifest.kind !== 'plugin') {
    throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `"${info.name}" is a ${manifest.kind}; only plugins can run isolated so far.`);
  }
  const packageJson = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
  const entry = packageEntry(folder, packageJson);
  const host = childEntry();
  const code = [host.folder, ...codeFolders(folder)];
  const uses = new Set(manifest.permissions.uses);
  const network = networkEnforcement(manifest.permissions, options.networkIsolation !== undefined ? { isolation: options.networkIsolation } : {});

  return {
    kind: 'plugin',
    package: info,
    enforced: enforcementLines(manifest.permissions, { isolated: true, network, maxHeapMb: options.maxHeapMb ?? 128 }),
    async setup(context: ExecutionContext<unknown>) {
      const dataDir = path.join(context.dataDir, 'plugins', manifest.id);
      if (hasDataDir(manifest.permissions)) await mkdir(dataDir, { recursive: true });
      const sessions = new SessionCrossing(context, { uses, own: Object.keys(manifest.actions) }, options.exclusiveHoldMs);
      const onContextCall = (method: ContextMethod, args: unknown[], signal: AbortSignal): Promise<unknown> =>
        method === 'session.turn' || method.startsWith('session.exclusive.') ? sessions.call(method, args, signal) : contextCall(context, uses, method, args);
      // A declared host list: the host's only way out is this proxy, over a Unix socket bound into its namespace.
      const proxy = network.rules ? await startEgressProxy({ pluginId: manifest.id, rules: network.rules, logger: context.logger }) : undefined;
      if (proxy) context.onDispose(() => proxy.close());
      if (proxy && !nodeHonoursEnvProxy()) {
        context.logger.warn({ plugin: manifest.id }, `isolated plugin: Node ${versions.node} ignores NODE_USE_ENV_PROXY, so the plugin's fetch cannot reach its declared hosts; use Node 22.21+ or 24.5+`);
      }
      const process = new PluginHostProcess({
        id: manifest.id,
        childEntry: host.file,
        execArgv: permissionFlags({ permissions: manifest.permissions, codeFolders: code, dataDir, maxHeapMb: options.maxHeapMb ?? 128 }),
        ...(network.wrapper ? { wrapper: { command: network.wrapper.command, args: bwrapArgs(manifest.permissions, dataDir) } } : {}),
        env: { ...hostEnv(manifest.permissions, context.env), ...(proxy ? egressEnv() : {}) },
        boot: {
          entry,
          id: manifest.id,
          config: context.config,
          dataDir: context.dataDir,
          modelAvailable: context.session.modelAvailable,
          ...(proxy ? { egress: { socketPath: proxy.socketPath, port: EGRESS_BRIDGE_PORT } } : {}),
        },
        logger: context.logger,
        onContextCall,
        ...(options.initialBackoffMs !== undefined ? { initialBackoffMs: options.initialBackoffMs } : {}),
        ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
        ...(options.ackTimeoutMs !== undefined ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
        ...(options.liveness?.intervalMs !== undefined ? { livenessIntervalMs: options.liveness.intervalMs } : {}),
        ...(options.liveness?.timeoutMs !== undefined ? { livenessTimeoutMs: options.liveness.timeoutMs } : {}),
      });
      context.onDispose(() => process.dispose());
      if (network.state === 'unenforced') context.logger.warn({ plugin: manifest.id }, `isolated plugin: ${network.how}`);
      const handlers: Record<string, unknown> = {};
      for (const point of Object.keys(manifest.attaches)) {
        handlers[point] = (payload: unknown, call: { signal: AbortSignal }) => process.call(point, payload, call.signal);
      }
      // The system prompt contribution starts the host on the first turn (lazily), and adds nothing when the plugin
      // has none, when the host fails, or after INSTRUCTIONS_TIMEOUT_MS: a turn never waits on a broken plugin.
      const instructions = async (turn: TurnInfo): Promise<string | undefined> => {
        try {
          await process.start();
          if (!process.hasInstructions) return undefined;
          const { signal: _signal, ...crossing } = turn;
          const text = await process.instructions(crossing, AbortSignal.any([turn.signal, AbortSignal.timeout(INSTRUCTIONS_TIMEOUT_MS)]));
          return typeof text === 'string' ? text : undefined;
        } catch (error) {
          context.logger.warn({ err: error, plugin: manifest.id }, 'isolated plugin added no instructions to this turn');
          return undefined;
        }
      };
      if (Object.keys(manifest.actions).length === 0) return { handlers: handlers as Handlers, instructions };
      // Actions need their input schemas now (the model lists tools before any call), so the host starts with the agent.
      await process.start();
      const actions: Record<string, ActionDefinition> = {};
      for (const hosted of process.actions) {
        const declared = manifest.actions[`${manifest.id}/${hosted.name}`];
        actions[hosted.name] = {
          description: declared?.description ?? hosted.name,
          ...jsonSchemaInput(hosted.inputJsonSchema, (error) => context.logger.warn({ err: error, action: hosted.name }, 'input schema of an isolated action is validated in its host only')),
          output: z.unknown(),
          run: (input, call) =>
            process.callAction(
              hosted.name,
              input,
              { caller: call.caller, ...(call.principal ? { principal: call.principal } : {}), ...(call.sessionId ? { sessionId: call.sessionId } : {}) },
              call.signal,
            ),
        };
      }
      return { handlers: handlers as Handlers, actions, instructions };
    },
  };
}

async function contextCall(context: ExecutionContext<unknown>, uses: ReadonlySet<string>, method: ContextMethod, args: unknown[]): Promise<unknown> {
  if (method === 'invoke') {
    const [name, input] = args as [string, unknown];
    // Its own actions need no entry; anything else must be listed in the manifest's `permissions.uses`.
    if (!mayInvoke(context.id, uses, name)) throw notUsedError(context.id, name);
    return context.invoke(name as never, input as never);
  }
  if (method.startsWith('session.')) return sessionCall(context, method, args);
  if (method.startsWith('storage.search.') || method === 'storage.batch') return storageCall(context, method, args);
  const [name, ...rest] = args as [string, ...unknown[]];
  if (typeof name !== 'string' || name.length === 0) throw new Error('A collection name must be a non-empty string.');
  // context.storage namespaces every collection as `<plugin id>:<name>`, exactly as in process.
  const collection = context.storage.collection<JsonObject>(name);
  switch (method) {
    case 'storage.get':
      return collection.get(rest[0] as string);
    case 'storage.put':
      return collection.put(rest[0] as string, rest[1] as JsonObject);
    case 'storage.insert':
      return collection.insert(rest[0] as string, rest[1] as JsonObject);
    case 'storage.delete':
      return collection.delete(rest[0] as string);
    case 'storage.list':
      return collection.list(rest[0] as never);
    case 'storage.count':
      return collection.count(rest[0] as never);
    default:
      throw new Error(`Unknown context call "${String(method)}".`);
  }
}

/** The session data calls of an isolated plugin (`exclusive` and `turn`: {@link SessionCrossing}). */
function sessionCall(context: ExecutionContext<unknown>, method: ContextMethod, args: unknown[]): Promise<unknown> {
  const session = context.session;
  const [sessionId, second] = args as [string, never];
  switch (method) {
    case 'session.open':
      return session.open(sessionId, second);
    case 'session.get':
      return session.get(sessionId);
    case 'session.list':
      return session.list(args[0] as never);
    case 'session.update':
      return session.update(sessionId, second);
    case 'session.history':
      return session.history(sessionId, second);
    case 'session.append':
      return session.append(sessionId, second);
    case 'session.reset':
      return session.reset(sessionId);
    default:
      return Promise.reject(new Error(`Unknown session call "${method}".`));
  }
}
