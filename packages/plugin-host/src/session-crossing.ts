import type { ExecutionContext, Logger, TurnOptions } from '@downcity/core';
import type { ContextMethod } from './protocol.js';
import { mayInvoke, notUsedError } from './uses-check.js';

/** The actions an isolated plugin may have the model call in its turns: those it may invoke. */
export interface TurnTools {
  /** The manifest's `permissions.uses`. */
  uses: ReadonlySet<string>;
  /** The plugin's own actions, by full name. */
  own: readonly string[];
}

/** The default longest time an isolated plugin may hold a session's exclusive lock: 60 s. */
export const DEFAULT_EXCLUSIVE_HOLD_MS = 60_000;

/**
 * `context.session.exclusive` and `context.session.turn` of an isolated plugin, answered in the agent.
 *
 * `exclusive(sessionId, work)` takes a callback that runs in the host, so the host asks the agent to take the
 * session's lock (`session.exclusive.acquire`), runs `work`, then asks it to let go (`session.exclusive.release`
 * with the token it got). The agent lets go by itself when the host exits (crash, kill, stop) or after `holdMs`,
 * logging why, so a plugin can never keep a session locked. `turn` runs in the agent with the plugin's options
 * (its callbacks cannot cross) and stops when the plugin cancels it (its signal) or its host exits. Its model is
 * offered only the tools the plugin may invoke itself (`uses` and its own actions): `tools: 'all'` (the default)
 * means those, and a list naming any other action is refused, so a turn is no way around `uses`.
 */
export class SessionCrossing {
  private readonly held = new Map<number, () => void>();
  private nextToken = 1;

  /**
   * @param context - the plugin's context in the agent
   * @param tools - what its turns may offer the model
   * @param holdMs - the longest a lock is held for the host
   */
  constructor(
    private readonly context: ExecutionContext<unknown>,
    private readonly tools: TurnTools,
    private readonly holdMs: number = DEFAULT_EXCLUSIVE_HOLD_MS,
  ) {}

  /** Answers one of the calls above; `signal` aborts when the plugin cancels or its host exits. */
  async call(method: ContextMethod, args: unknown[], signal: AbortSignal): Promise<unknown> {
    switch (method) {
      case 'session.exclusive.acquire':
        return this.acquire(String(args[0]), signal);
      case 'session.exclusive.release':
        this.held.get(args[0] as number)?.();
        return undefined;
      case 'session.turn': {
        const options = (typeof args[1] === 'object' && args[1] !== null ? args[1] : {}) as TurnOptions;
        return this.context.session.turn(String(args[0]), { ...options, tools: this.turnTools(options.tools), signal });
      }
      default:
        throw new Error(`Unknown session call "${method}".`);
    }
  }

  private turnTools(requested: TurnOptions['tools']): 'none' | string[] {
    if (requested === 'none') return 'none';
    if (requested === undefined || requested === 'all') return [...this.tools.uses, ...this.tools.own];
    if (!Array.isArray(requested)) throw new Error('context.session.turn: tools must be "all", "none" or a list of action names.');
    const refused = requested.find((name) => !mayInvoke(this.context.id, this.tools.uses, name));
    if (refused !== undefined) throw notUsedError(this.context.id, refused, 'offer the model the tool');
    return requested;
  }

  private acquire(sessionId: string, signal: AbortSignal): Promise<number> {
    const logger: Logger = this.context.logger;
    return new Promise<number>((resolve, reject) => {
      this.context.session
        .exclusive(
          sessionId,
          () =>
            new Promise<void>((release) => {
              // The host died while it waited for the lock: let go at once.
              if (signal.aborted) {
                release();
                reject(signal.reason);
                return;
              }
              const token = this.nextToken++;
              const timer = setTimeout(() => {
                logger.warn({ sessionId, holdMs: this.holdMs }, 'isolated plugin held a session lock too long; released it');
                letGo();
              }, this.holdMs);
              timer.unref();
              const letGo = (): void => {
                clearTimeout(timer);
                signal.removeEventListener('abort', letGo);
                this.held.delete(token);
                release();
              };
              signal.addEventListener('abort', letGo, { once: true });
              this.held.set(token, letGo);
              resolve(token);
            }),
        )
        .catch(reject);
    });
  }
}
