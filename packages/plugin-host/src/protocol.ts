/**
 * The messages the agent (parent) and an isolated plugin host (child) exchange over Node's IPC channel
 * (`child_process.fork` with `serialization: 'advanced'`, so values are structured-cloned). Every message
 * carries the protocol version `v`; a host that speaks another version is refused (decision 0028).
 */

/** The protocol version both sides speak. */
export const PROTOCOL_VERSION = 1;

/** How the child is told what to load: the first message it receives (never argv, which `ps` shows). */
export interface HostBoot {
  /** The protocol version the parent speaks. */
  v: number;
  /** The plugin's entry module (absolute path). */
  entry: string;
  /** The plugin id (manifest `id`). */
  id: string;
  /** The plugin's config slice, validated in the child by the plugin's own schema. */
  config: unknown;
  /**
   * The agent's data folder, as `context.dataDir` gives it in process. An isolated plugin may use only its own
   * `plugins/<id>` folder in it, and only when its manifest asks for files.
   */
  dataDir: string;
  /** `context.session.modelAvailable` in the agent. */
  modelAvailable: boolean;
  /**
   * For a declared host list: the agent's egress proxy socket and the loopback port inside the host's network
   * namespace that `HTTP_PROXY` names; the host bridges one to the other before importing the plugin.
   */
  egress?: { socketPath: string; port: number };
}

/** A serialisable error. */
export interface WireError {
  /** The error's name, e.g. `TypeError`. */
  name: string;
  /** Its message. */
  message: string;
  /** Its `code`, when it has one (e.g. `ERR_ACCESS_DENIED`). */
  code?: string;
}

/** An action the plugin's setup returned, as the host announces it. */
export interface HostedAction {
  /** The short name (`add` for `counter/add`). */
  name: string;
  /** The input's JSON Schema (zod's `toJSONSchema` of the plugin's own schema), for the model and validation. */
  inputJsonSchema: Record<string, unknown>;
}

/** Who an action call is for, as it crosses to the host (the signal stays in the agent; `cancel` aborts it). */
export interface HostedActionCall {
  /** The caller: a package id, `model` or `agent`. */
  caller: string;
  /** On whose behalf, when known. */
  principal?: unknown;
  /** The session, when any. */
  sessionId?: string;
}

/** What a call runs in the host: a point's handler, an action, or the plugin's system prompt contribution. */
export type CallTarget = { point: string } | { action: string } | { instructions: true };

/** Parent to child. */
export type ParentMessage =
  | ({ type: 'boot' } & HostBoot)
  | { v: number; type: 'call'; id: number; target: CallTarget; payload: unknown; context?: HostedActionCall }
  | { v: number; type: 'cancel'; id: number }
  | { v: number; type: 'ping'; id: number }
  | { v: number; type: 'contextResult'; id: number; value: unknown }
  | { v: number; type: 'contextError'; id: number; error: WireError };

/** The context methods a child may call in the parent. */
export type ContextMethod =
  | 'storage.get'
  | 'storage.put'
  | 'storage.insert'
  | 'storage.delete'
  | 'storage.list'
  | 'storage.count'
  | 'session.open'
  | 'session.get'
  | 'session.list'
  | 'session.update'
  | 'session.history'
  | 'session.append'
  | 'session.reset'
  | 'session.exclusive.acquire'
  | 'session.exclusive.release'
  | 'session.turn'
  | 'storage.search.upsert'
  | 'storage.search.remove'
  | 'storage.search.text'
  | 'storage.search.vector'
  | 'storage.batch'
  | 'invoke';

/** Child to parent. */
export type ChildMessage =
  | { v: number; type: 'hello'; points: string[]; actions: HostedAction[]; instructions: boolean }
  | { v: number; type: 'setupError'; error: WireError }
  | { v: number; type: 'started'; id: number }
  | { v: number; type: 'result'; id: number; value: unknown }
  | { v: number; type: 'error'; id: number; error: WireError }
  | { v: number; type: 'pong'; id: number }
  | { v: number; type: 'log'; level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'; fields: unknown; message: string | undefined }
  | { v: number; type: 'context'; id: number; method: ContextMethod; args: unknown[] }
  | { v: number; type: 'contextCancel'; id: number };

/** Turns anything thrown into a {@link WireError}. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
