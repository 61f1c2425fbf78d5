import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from '@downcity/core';
import { startLivenessWatchdog } from './liveness-watchdog.js';
import { DEFAULT_MAX_MESSAGE_BYTES, guardPartialMessages, messageSize, oversizedReason } from './message-size.js';
import type { HostWrapper } from './network-wrapper.js';
import {
  PROTOCOL_VERSION,
  toWireError,
  type ChildMessage,
  type ContextMethod,
  type HostBoot,
  type HostedAction,
  type HostedActionCall,
  type CallTarget,
  type ParentMessage,
  type WireError,
} from './protocol.js';

/** How long a host has to import the plugin and run its setup. */
const START_TIMEOUT_MS = 15_000;
/** How long a host whose call timed out has to answer a ping before it is judged hung and killed. */
const PING_TIMEOUT_MS = 1_000;
/** How long a running host has to take a call it was sent before it is judged blocked and killed. */
const DEFAULT_ACK_TIMEOUT_MS = 2_000;
/** How often a call the host never took is given to a new host. */
const MAX_DISPATCHES = 2;
/** A host that ran this long without a crash starts again without backoff after its next one. */
const HEALTHY_AFTER_MS = 60_000;
/** The most stderr characters kept to explain an exit. */
const STDERR_TAIL = 2_000;

/** Options of {@link PluginHostProcess}. */
export interface PluginHostProcessOptions {
  /** The plugin id, for messages. */
  id: string;
  /** The child entry (`host-child.js`). */
  childEntry: string;
  /** The `node` flags: permission model and heap limit. */
  execArgv: string[];
  /** A program that starts `node` (bubblewrap cutting off the network), or none. */
  wrapper?: HostWrapper;
  /** The child's whole environment. */
  env: Record<string, string>;
  /** What the child loads. */
  boot: Omit<HostBoot, 'v'>;
  /** Receives the plugin's log lines and the host's own events. */
  logger: Logger;
  /**
   * Answers the plugin's context calls (storage, invoke, session) in the agent. `signal` aborts when the plugin
   * cancels the call (its own signal) or the host that made it exits.
   */
  onContextCall: (method: ContextMethod, args: unknown[], signal: AbortSignal) => Promise<unknown>;
  /** The first restart delay after a crash (default 250 ms), doubled per crash up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  /** The longest restart delay (default 30,000 ms). */
  maxBackoffMs?: number;
  /**
   * The largest message the host may send, in bytes (default 4 MiB). A larger one fails the calls in flight with
   * a reason naming the limit and the host is killed as misbehaving. Checked from the length header while Node
   * still reads the message where its internals allow (`guardPartialMessages`), and always once delivered
   * (decision 0028).
   */
  maxMessageBytes?: number;
  /**
   * How long a running host has to take a call it was sent (it answers `started` before running the handler),
   * default 2,000 ms. A host that does not is blocked (a busy loop in another call) and is killed; the calls it
   * never took go to the next host, so one stuck call does not fail the others.
   */
  ackTimeoutMs?: number;
  /** How often a running host is pinged to check its event loop is alive (default 5,000 ms). */
  livenessIntervalMs?: number;
  /** How long a host has to answer a liveness ping before it is killed as hung and restarted with backoff (default 10,000 ms). */
  livenessTimeoutMs?: number;
}

/** One call from the agent, across as many hosts as it takes to reach one that takes it. */
interface Pending {
  target: CallTarget;
  payload: unknown;
  context: HostedActionCall | undefined;
  signal: AbortSignal;
  /** Its id and host in the current dispatch. */
  id: number;
  child: ChildProcess | undefined;
  /** Whether the current host took it (its handler may have run: it is never given to another host). */
  started: boolean;
  dispatches: number;
  ackTimer: NodeJS.Timeout | undefined;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

function fromWire(error: WireError, prefix: string): Error {
  const result = new Error(`${prefix}${error.message}`);
  result.name = error.name;
  if (error.code) (result as Error & { code?: string }).code = error.code;
  return result;
}

/**
 * One isolated plugin host: a child process started lazily on the first call, restarted with backoff after a
 * crash, killed when a timed-out call finds it hung, stopped on {@link PluginHostProcess.dispose}. Every failure
 * rejects the call with a reason, so core's extension runner applies its in-process semantics (a guard denies,
 * a pipeline passes its value on, an effect is logged).
 */
export class PluginHostProcess {
  private readonly options: PluginHostProcessOptions;
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashes = 0;
  private restartAt = 0;
  private startedAt = 0;
  private disposed = false;
  private stderrTail = '';
  private hostedActions: HostedAction[] = [];
  private hostedInstructions = false;
  /** Why the parent killed the running host, to explain its exit. */
  private killReason: string | undefined;
  /** Aborted when the running host exits: ends its context calls and releases what it holds (session locks). */
  private hostLife = new AbortController();
  private readonly contextCalls = new Map<number, AbortController>();
  private stopWatchdog: (() => void) | undefined;
  private readGuarded = false;

  /** @param options - what to run and where its logs and context calls go */
  constructor(options: PluginHostProcessOptions) {
    this.options = options;
  }

  /**
   * Whether an oversized message from the running host is refused while still being read (see
   * `guardPartialMessages`), not only once delivered. For tests and diagnostics.
   */
  get refusesOversizedWhileReading(): boolean {
    return this.readGuarded;
  }

  /** The host's process id while it runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The actions the plugin's setup returned, as the host last announced them (empty before it started). */
  get actions(): readonly HostedAction[] {
    return this.hostedActions;
  }

  /** Whether the plugin's setup returned a system prompt contribution (false before the host started). */
  get hasInstructions(): boolean {
    return this.hostedInstructions;
  }

  /**
   * Asks the plugin's system prompt contribution for a turn (`turn` without its signal, which stays here).
   *
   * @throws like {@link PluginHostProcess.call}
   */
  instructions(turn: unknown, signal: AbortSignal): Promise<unknown> {
    return this.request({ instructions: true }, turn, signal, undefined);
  }

  /**
   * Runs the plugin's handler for `point` in the host and returns its answer.
   *
   * @throws when the host cannot start, waits out a crash backoff, exits, is hung, or the handler throws
   */
  call(point: string, payload: unknown, signal: AbortSignal): Promise<unknown> {
    return this.request({ point }, payload, signal, undefined);
  }

  /**
   * Runs the plugin's action `name` (short name) in the host, which validates input and output with the plugin's
   * own schemas.
   *
   * @throws like {@link PluginHostProcess.call}, and with the schema's message on invalid input or output
   */
  callAction(name: string, input: unknown, call: HostedActionCall, signal: AbortSignal): Promise<unknown> {
    return this.request({ action: name }, input, signal, call);
  }

  private request(target: CallTarget, payload: unknown, signal: AbortSignal, context: HostedActionCall | undefined): Promise<unknown> {
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const entry: Pending = { target, payload, context, signal, id: 0, child: undefined, started: false, dispatches: 0, ackTimer: undefined, resolve, reject };
      const settle = (): void => {
        signal.removeEventListener('abort', onAbort);
        clearTimeout(entry.ackTimer);
        entry.resolve = () => undefined;
        entry.reject = () => undefined;
      };
      const onAbort = (): void => {
        const { id, child } = entry;
        if (id !== 0) this.pending.delete(id);
        settle();
        reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        if (child) {
          this.send(child, { v: PROTOCOL_VERSION, type: 'cancel', id });
          void this.killIfHung(child);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.resolve = (value) => {
        settle();
        resolve(value);
      };
      entry.reject = (error) => {
        settle();
        reject(error);
      };
      this.dispatch(entry);
    });
  }

  /** Sends a call to the running host (started if need be), watching that the host takes it. */
  private dispatch(entry: Pending): void {
    entry.dispatches += 1;
    const point = 'point' in entry.target ? entry.target.point : 'action' in entry.target ? entry.target.action : 'instructions';
    this.start().then(
      () => {
        if (entry.signal.aborted) return;
        const child = this.child;
        if (!child) {
          entry.reject(new Error(`The isolated host of plugin "${this.options.id}" is not running.`));
          return;
        }
        const id = this.nextId++;
        Object.assign(entry, { id, child, started: false });
        this.pending.set(id, entry);
        try {
          this.send(child, { v: PROTOCOL_VERSION, type: 'call', id, target: entry.target, payload: entry.payload, ...(entry.context ? { context: entry.context } : {}) });
        } catch (error) {
          // A payload structured clone cannot copy (a function, a socket) fails here, before anything is sent.
          this.pending.delete(id);
          entry.reject(new Error(`The payload for "${point}" cannot be sent to the isolated host of plugin "${this.options.id}": ${(error as Error).message}`));
          return;
        }
        const ackTimeoutMs = this.options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
        entry.ackTimer = setTimeout(() => {
          if (this.pending.get(id) !== entry || entry.started) return;
          this.kill(
            child,
            `The isolated host of plugin "${this.options.id}" did not take a call within ${ackTimeoutMs} ms (its event loop is blocked, e.g. by a busy loop in a handler) and was killed.`,
          );
        }, ackTimeoutMs);
      },
      (error: unknown) => entry.reject(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Starts the host unless it runs; fails at once while a crash backoff lasts. */
  start(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error(`Plugin "${this.options.id}" was stopped with the agent.`));
    if (this.ready) return this.ready;
    const wait = this.restartAt - Date.now();
    if (wait > 0) {
      return Promise.reject(new Error(`The isolated host of plugin "${this.options.id}" crashed; it restarts in ${wait} ms.`));
    }
    this.ready = this.spawn();
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Stops the host: closes its channel, then `SIGKILL` if it has not exited within two seconds. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<void> {
    const { options } = this;
    this.stderrTail = '';
    this.killReason = undefined;
    this.hostLife = new AbortController();
    // fork runs `execPath ...execArgv entry`: with a wrapper, that is `bwrap <args> -- node <flags> entry`.
    const launch = options.wrapper
      ? { execPath: options.wrapper.command, execArgv: [...options.wrapper.args, process.execPath, ...options.execArgv] }
      : { execArgv: options.execArgv };
    const child = fork(options.childEntry, [], {
      ...launch,
      env: options.env,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.startedAt = Date.now();
    const limit = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.readGuarded = guardPartialMessages(child, limit, (size) => this.kill(child, oversizedReason(options.id, size, limit)));
    child.stdout?.setEncoding('utf8').on('data', (text: string) => options.logger.info({ stream: 'stdout' }, text.trimEnd()));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`The isolated host of plugin "${options.id}" did not start within ${START_TIMEOUT_MS} ms.`));
        child.kill('SIGKILL');
      }, START_TIMEOUT_MS);
      child.on('message', (message: ChildMessage) => {
        const size = messageSize(message);
        if (size > limit) {
          this.kill(child, oversizedReason(options.id, size, limit));
          return;
        }
        if (message.type === 'hello') {
          clearTimeout(timer);
          this.hostedActions = message.actions;
          this.hostedInstructions = message.instructions;
          if (message.v !== PROTOCOL_VERSION) {
            reject(new Error(`The isolated host of plugin "${options.id}" speaks protocol ${message.v}, the agent ${PROTOCOL_VERSION}.`));
            child.kill('SIGKILL');
          } else {
            this.stopWatchdog = startLivenessWatchdog({
              intervalMs: options.livenessIntervalMs ?? 5_000,
              ping: () => this.ping(child, options.livenessTimeoutMs ?? 10_000),
              onHung: () =>
                this.kill(
                  child,
                  `The isolated host of plugin "${options.id}" did not answer a liveness ping within ${options.livenessTimeoutMs ?? 10_000} ms (its event loop is blocked, e.g. by a busy loop outside any call) and was killed.`,
                ),
            });
            resolve();
          }
          return;
        }
        if (message.type === 'setupError') {
          clearTimeout(timer);
          reject(fromWire(message.error, `Setting up isolated plugin "${options.id}" failed: `));
          child.kill('SIGKILL');
          return;
        }
        this.onMessage(child, message);
      });
      child.on('error', (error) => options.logger.error({ err: error }, 'isolated plugin host error'));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const reason = this.exitReason(code, signal);
        reject(new Error(reason));
        this.onExit(child, reason);
      });
      this.send(child, { v: PROTOCOL_VERSION, type: 'boot', ...options.boot });
    });
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.killReason) return this.killReason;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const heap = /heap out of memory|Reached heap limit/i.test(this.stderrTail) ? ' (it ran out of its heap limit)' : '';
    return `The isolated host of plugin "${this.options.id}" ${how}${heap}.`;
  }

  private onExit(child: ChildProcess, reason: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.ready = undefined;
    this.stopWatchdog?.();
    this.stopWatchdog = undefined;
    this.hostLife.abort(new Error(reason));
    this.contextCalls.clear();
    // A call the host took may have run: it fails with the reason. One it never took goes to the next host.
    const untaken: Pending[] = [];
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.ackTimer);
      if (!pending.started && pending.dispatches < MAX_DISPATCHES && !this.disposed) untaken.push(pending);
      else pending.reject(new Error(reason));
    }
    if (this.disposed) return;
    if (Date.now() - this.startedAt > HEALTHY_AFTER_MS) this.crashes = 0;
    const initial = this.options.initialBackoffMs ?? 250;
    const delay = Math.min(initial * 2 ** this.crashes, this.options.maxBackoffMs ?? 30_000);
    this.crashes += 1;
    this.restartAt = Date.now() + delay;
    for (const entry of untaken) {
      Object.assign(entry, { id: 0, child: undefined });
      setTimeout(() => {
        if (!entry.signal.aborted) this.dispatch(entry);
      }, delay + 1);
    }
    this.options.logger.error({ plugin: this.options.id, restartInMs: delay, stderr: this.stderrTail.slice(-500) || undefined }, reason);
  }

  private onMessage(child: ChildProcess, message: ChildMessage): void {
    switch (message.type) {
      case 'started': {
        const entry = this.pending.get(message.id);
        if (entry) {
          entry.started = true;
          clearTimeout(entry.ackTimer);
        }
        return;
      }
      case 'result':
        this.pending.get(message.id)?.resolve(message.value);
        this.pending.delete(message.id);
        return;
      case 'error':
        this.pending.get(message.id)?.reject(fromWire(message.error, ''));
        this.pending.delete(message.id);
        return;
      case 'log': {
        const fields = typeof message.fields === 'object' && message.fields !== null ? (message.fields as Record<string, unknown>) : {};
        const level = message.level === 'fatal' ? 'error' : message.level;
        this.options.logger[level](fields, message.message);
        return;
      }
      case 'context': {
        const cancel = new AbortController();
        this.contextCalls.set(message.id, cancel);
        const settle = (reply: ParentMessage): void => {
          if (this.contextCalls.get(message.id) === cancel) this.contextCalls.delete(message.id);
          this.send(child, reply);
        };
        // A synchronous throw becomes the call's error, never an exception in the agent's message handler.
        new Promise((resolve) => resolve(this.options.onContextCall(message.method, message.args, AbortSignal.any([this.hostLife.signal, cancel.signal])))).then(
          (value) => settle({ v: PROTOCOL_VERSION, type: 'contextResult', id: message.id, value }),
          (error: unknown) => settle({ v: PROTOCOL_VERSION, type: 'contextError', id: message.id, error: toWireError(error) }),
        );
        return;
      }
      case 'contextCancel':
        this.contextCalls.get(message.id)?.abort(new Error(`Plugin "${this.options.id}" cancelled the call.`));
        return;
      case 'pong':
        this.pongs.get(message.id)?.();
        return;
      default:
        return;
    }
  }

  private readonly pongs = new Map<number, () => void>();

  /** Pings the host; resolves whether it answered within `timeoutMs`. */
  private async ping(child: ChildProcess, timeoutMs: number): Promise<boolean> {
    const id = this.nextId++;
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.pongs.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.send(child, { v: PROTOCOL_VERSION, type: 'ping', id });
    });
    this.pongs.delete(id);
    return answered;
  }

  /** Kills the host as misbehaving; `reason` becomes its exit reason, failing the calls in flight. */
  private kill(child: ChildProcess, reason: string): void {
    if (this.child !== child || this.killReason) return;
    this.killReason = reason; // onExit logs it with the restart delay
    child.kill('SIGKILL');
  }

  private async killIfHung(child: ChildProcess): Promise<void> {
    if (this.child !== child) return;
    const answered = await this.ping(child, PING_TIMEOUT_MS);
    if (!answered && this.child === child) {
      this.options.logger.error({ plugin: this.options.id }, 'isolated plugin host did not answer after a timed-out call; killing it (hung)');
      child.kill('SIGKILL');
    }
  }

  private send(child: ChildProcess, message: ParentMessage): void {
    if (!child.connected) return;
    child.send(message, (error) => {
      if (error) this.options.logger.warn({ err: error, plugin: this.options.id }, 'could not send to the isolated plugin host');
    });
  }
}
