/**
 * The entry of an isolated plugin host: the child process `isolatedPlugin` forks under Node's permission model.
 * It receives a `boot` message, imports the plugin by path, runs its `setup` with a context whose calls go to the
 * agent over IPC, and serves its handlers until the channel closes.
 *
 * This file imports nothing but Node built-ins and types, so it runs as is (also from source under Node's type
 * stripping, in tests) and its folder is the only host code the permission model must let it read.
 */
import { pathToFileURL } from 'node:url';
import type { ChildMessage, ContextMethod, HostBoot, HostedAction, ParentMessage, WireError } from './protocol.js';

/** Must equal `PROTOCOL_VERSION` in protocol.ts; the parent refuses a host that says otherwise. */
const VERSION = 1;

type Handler = (payload: unknown, call: { signal: AbortSignal; point: string }) => unknown;
type Definition = { kind: 'plugin'; config?: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues?: { path: PropertyKey[]; message: string }[] } } }; setup(context: unknown): unknown };

type Schema = { parse(value: unknown): unknown; toJSONSchema?: (options: unknown) => Record<string, unknown> };
type Action = { input: Schema; output: Schema; run(input: unknown, call: unknown): unknown };

const handlers = new Map<string, Handler>();
const actions = new Map<string, Action>();
let instructions: ((turn: unknown) => unknown) | undefined;
const running = new Map<number, AbortController>();
const contextCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextContextId = 1;
let booted = false;

function send(message: ChildMessage): void {
  if (!process.connected || !process.send) return;
  try {
    process.send(message);
  } catch (error) {
    // A value structured clone cannot copy (a function, a class with private fields): say so instead.
    if ('id' in message && (message.type === 'result' || message.type === 'context')) {
      process.send({ v: VERSION, type: 'error', id: message.id, error: wire(new Error(`The plugin returned a value that cannot cross to the agent: ${(error as Error).message}`)) });
    } else if (message.type === 'log') {
      process.send({ ...message, fields: { unserializable: String(message.fields) } });
    }
  }
}

function wire(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // The permission model names what was refused in `resource`; say it, so a missing folder is easy to spot.
    const resource = (error as { resource?: unknown }).resource;
    const message = code === 'ERR_ACCESS_DENIED' && typeof resource === 'string' ? `${error.message} (${resource})` : error.message;
    return { name: error.name, message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

function callAgent(method: ContextMethod, args: unknown[], signal?: AbortSignal): Promise<unknown> {
  const id = nextContextId++;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // The plugin's signal (e.g. its handler's) cancels the call in the agent too: a turn stops its model there.
    const onAbort = (): void => {
      if (!contextCalls.delete(id)) return;
      send({ v: VERSION, type: 'contextCancel', id });
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    contextCalls.set(id, {
      resolve: (value) => {
        done();
        resolve(value);
      },
      reject: (error) => {
        done();
        reject(error);
      },
    });
    send({ v: VERSION, type: 'context', id, method, args });
  });
}

/** `session.exclusive` across the boundary: the agent takes the session's lock and holds it until `work` settles. */
async function exclusive(sessionId: string, work: () => unknown): Promise<unknown> {
  if (typeof work !== 'function') throw new TypeError('context.session.exclusive(sessionId, work) needs a function.');
  const token = await callAgent('session.exclusive.acquire', [sessionId]);
  try {
    return await work();
  } finally {
    await callAgent('session.exclusive.release', [token]).catch(() => undefined);
  }
}

/** `session.turn` across the boundary; its callbacks cannot cross, its signal cancels the turn in the agent. */
function turn(sessionId: string, options: Record<string, unknown> = {}): Promise<unknown> {
  const { signal, onTextDelta, onStep, ...crossing } = options;
  if (onTextDelta !== undefined || onStep !== undefined) {
    return Promise.reject(
      new Error('context.session.turn: onTextDelta and onStep are callbacks and cannot cross to the agent from an isolated plugin; read the stored steps with session.history after the turn.'),
    );
  }
  return callAgent('session.turn', [sessionId, crossing], signal instanceof AbortSignal ? signal : undefined);
}

function makeLogger(bindings: Record<string, unknown>): unknown {
  const method =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal') =>
    (fieldsOrMessage: unknown, message?: string): void => {
      if (typeof fieldsOrMessage === 'string') send({ v: VERSION, type: 'log', level, fields: bindings, message: fieldsOrMessage });
      else send({ v: VERSION, type: 'log', level, fields: { ...bindings, ...(fieldsOrMessage as object) }, message });
    };
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
    child: (more: Record<string, unknown>) => makeLogger({ ...bindings, ...more }),
  };
}

function notOffered(what: string): never {
  throw new Error(`${what} is not available to an isolated plugin (decision 0028).`);
}

function makeContext(boot: HostBoot, config: unknown, signal: AbortSignal): unknown {
  const collection = (name: string): unknown => ({
    name,
    get: (id: string) => callAgent('storage.get', [name, id]),
    put: (id: string, value: unknown) => callAgent('storage.put', [name, id, value]),
    insert: (id: string, value: unknown) => callAgent('storage.insert', [name, id, value]),
    delete: (id: string) => callAgent('storage.delete', [name, id]),
    list: (query?: unknown) => callAgent('storage.list', [name, query]),
    count: (where?: unknown) => callAgent('storage.count', [name, where]),
  });
  return {
    id: boot.id,
    config,
    env: process.env,
    logger: makeLogger({}),
    session: {
      open: (sessionId: string, options: unknown) => callAgent('session.open', [sessionId, options]),
      get: (sessionId: string) => callAgent('session.get', [sessionId]),
      list: (options?: unknown) => callAgent('session.list', [options]),
      update: (sessionId: string, metadata: unknown) => callAgent('session.update', [sessionId, metadata]),
      history: (sessionId: string, options?: unknown) => callAgent('session.history', [sessionId, options]),
      append: (sessionId: string, messages: unknown) => callAgent('session.append', [sessionId, messages]),
      reset: (sessionId: string) => callAgent('session.reset', [sessionId]),
      exclusive,
      turn,
      modelAvailable: boot.modelAvailable,
    },
    invoke: (name: string, input: unknown) => callAgent('invoke', [name, input]),
    actions: undefined,
    get tools() {
      return notOffered('context.tools');
    },
    plugins: {
      guard: async () => ({ allow: true }),
      pipeline: async (_point: string, value: unknown) => value,
      effect: async () => undefined,
      resolve: async (_point: string, query: unknown, fallback: (query: unknown) => unknown) => fallback(query),
      count: () => 0,
    },
    storage: {
      collection,
      // The agent forces every namespace and collection into the plugin's own `<id>:` prefix.
      search: {
        upsert: (document: unknown) => callAgent('storage.search.upsert', [document]),
        remove: (namespace: string, id: string) => callAgent('storage.search.remove', [namespace, id]),
        searchText: (query: unknown) => callAgent('storage.search.text', [query]),
        searchVector: (query: unknown) => callAgent('storage.search.vector', [query]),
      },
      batch: (operations: unknown) => callAgent('storage.batch', [operations]),
    },
    dataDir: boot.dataDir,
    agent: { packages: () => [], projectDir: undefined },
    http: undefined,
    cluster: undefined,
    logs: undefined,
    signal,
    onDispose: () => undefined,
  };
}

function pickDefinition(module: Record<string, unknown>): Definition {
  const isPlugin = (value: unknown): value is Definition =>
    typeof value === 'object' && value !== null && (value as Definition).kind === 'plugin' && typeof (value as Definition).setup === 'function';
  if (isPlugin(module.default)) return module.default;
  const named = Object.values(module).filter(isPlugin);
  if (named.length === 1) return named[0] as Definition;
  throw new Error('The package exports no plugin definition as its default export (export default definePlugin({ ... })).');
}

async function boot(message: HostBoot): Promise<void> {
  const stop = new AbortController();
  process.once('disconnect', () => stop.abort(new Error('The agent closed the plugin host.')));
  if (message.egress) {
    // A sibling module, .ts from source (type stripping) or .js built: the egress proxy's bridge (decision 0028).
    const bridge = new URL(`./egress-bridge${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    const { startEgressBridge } = (await import(bridge.href)) as typeof import('./egress-bridge.js');
    await startEgressBridge(message.egress);
  }
  const module = (await import(pathToFileURL(message.entry).href)) as Record<string, unknown>;
  const definition = pickDefinition(module);
  let config = message.config;
  if (definition.config) {
    const parsed = definition.config.safeParse(message.config ?? {});
    if (!parsed.success) {
      const issues = (parsed.error?.issues ?? []).map((issue) => `plugins.${message.id}${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`);
      throw new Error(`Invalid config for plugin "${message.id}": ${issues.join('; ')}`);
    }
    config = parsed.data;
  }
  const instance = (await definition.setup(makeContext(message, config, stop.signal))) as {
    handlers?: Record<string, unknown>;
    actions?: Record<string, Action>;
    instructions?: (turn: unknown) => unknown;
  };
  if (typeof instance.instructions === 'function') instructions = instance.instructions;
  for (const [point, entry] of Object.entries(instance.handlers ?? {})) {
    const handler = typeof entry === 'function' ? entry : (entry as { handler?: unknown } | undefined)?.handler;
    if (typeof handler === 'function') handlers.set(point, handler as Handler);
  }
  const hosted: HostedAction[] = [];
  for (const [name, action] of Object.entries(instance.actions ?? {})) {
    actions.set(name, action);
    // zod 4 schemas describe themselves; a schema that cannot is offered as "any object" (the host still validates).
    const { $schema: _dialect, ...inputJsonSchema } = action.input.toJSONSchema?.({ io: 'input', unrepresentable: 'any' }) ?? { type: 'object' };
    hosted.push({ name, inputJsonSchema });
  }
  send({ v: VERSION, type: 'hello', points: [...handlers.keys()], actions: hosted, instructions: instructions !== undefined });
}

async function serve(message: Extract<ParentMessage, { type: 'call' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    if ('instructions' in message.target) {
      const turn = { ...(message.payload as object), signal: controller.signal };
      send({ v: VERSION, type: 'result', id: message.id, value: instructions ? await instructions(turn) : undefined });
      return;
    }
    if ('action' in message.target) {
      const action = actions.get(message.target.action);
      if (!action) throw new Error(`The plugin has no action "${message.target.action}".`);
      const output = await action.run(action.input.parse(message.payload), { ...message.context, signal: controller.signal });
      send({ v: VERSION, type: 'result', id: message.id, value: action.output.parse(output) });
      return;
    }
    const handler = handlers.get(message.target.point);
    if (!handler) throw new Error(`The plugin has no handler for "${message.target.point}".`);
    const value = await handler(message.payload, { signal: controller.signal, point: message.target.point });
    send({ v: VERSION, type: 'result', id: message.id, value });
  } catch (error) {
    send({ v: VERSION, type: 'error', id: message.id, error: wire(error) });
  } finally {
    running.delete(message.id);
  }
}

process.on('message', (raw: ParentMessage) => {
  switch (raw.type) {
    case 'boot':
      if (booted) return;
      booted = true;
      boot(raw).catch((error: unknown) => {
        send({ v: VERSION, type: 'setupError', error: wire(error) });
      });
      return;
    case 'call':
      // Taken: sent before the handler runs, so the agent knows this call reached a live event loop. A call the
      // agent sent that never got here (the loop was blocked) is safe to give to the next host.
      send({ v: VERSION, type: 'started', id: raw.id });
      void serve(raw);
      return;
    case 'cancel':
      running.get(raw.id)?.abort(new Error('The agent cancelled the call (timeout or stop).'));
      return;
    case 'ping':
      send({ v: VERSION, type: 'pong', id: raw.id });
      return;
    case 'contextResult':
      contextCalls.get(raw.id)?.resolve(raw.value);
      contextCalls.delete(raw.id);
      return;
    case 'contextError': {
      const pending = contextCalls.get(raw.id);
      contextCalls.delete(raw.id);
      if (pending) pending.reject(Object.assign(new Error(raw.error.message), { name: raw.error.name, ...(raw.error.code ? { code: raw.error.code } : {}) }));
      return;
    }
  }
});
process.on('disconnect', () => process.exit(0));
