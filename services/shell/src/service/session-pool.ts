import type { Logger } from '@downcity/core';
import type { ShellPolicyInput } from '../policy/policy.js';
import { shellError } from '../shell-error.js';
import { ShellSession, type SessionRunOptions, type SessionRunResult } from '../sandbox/shell-session.js';
import type { ShellConfig } from './config.js';

interface PooledSession {
  shell: ShellSession;
  workspace: string;
  timer: NodeJS.Timeout | undefined;
  cwd: string;
  running: number;
}

/** What a {@link SessionPool} needs. */
export interface SessionPoolOptions {
  /** The service config (sandbox settings, idle timeout, session cap). */
  config: ShellConfig;
  /** The policy every line is checked against (again) by the shell itself. */
  policy: ShellPolicyInput;
  /** The environment allowlisted variables are taken from. */
  env: Readonly<Record<string, string | undefined>>;
  /** For closing notices. */
  logger: Logger;
}

/**
 * One persistent {@link ShellSession} per agent session and workspace (so two principals in one
 * group chat never share a shell), started on first use in that workspace, closed after
 * `session.idleMs` without commands, and the least recently used closed first when more than
 * `session.maxSessions` are open.
 */
export class SessionPool {
  readonly #options: SessionPoolOptions;
  readonly #sessions = new Map<string, PooledSession>();
  #closed = false;

  /** @param options - config, policy and environment */
  constructor(options: SessionPoolOptions) {
    this.#options = options;
  }

  /** How many shells are open. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * The absolute working directory the shell was last seen in, if it is open.
   *
   * @param key - the shell's key (agent session and workspace)
   */
  cwdOf(key: string): string | undefined {
    return this.#sessions.get(key)?.cwd;
  }

  /**
   * Runs a line in the shell, starting it in `workspace` when needed.
   *
   * @param shell - the shell's key (agent session and workspace) and its workspace
   * @param command - the shell line
   * @param options - timeout, approval and abort signal
   */
  async run(shell: { key: string; workspace: string }, command: string, options: SessionRunOptions): Promise<SessionRunResult> {
    const { key } = shell;
    const pooled = this.#open(shell);
    pooled.running += 1;
    clearTimeout(pooled.timer);
    try {
      const result = await pooled.shell.run(command, options);
      if (result.cwd !== undefined) pooled.cwd = result.cwd;
      if (result.sessionEnded) pooled.cwd = pooled.workspace;
      return result;
    } finally {
      pooled.running -= 1;
      if (pooled.running === 0 && this.#sessions.get(key) === pooled) this.#arm(key, pooled);
    }
  }

  /**
   * Closes one shell.
   *
   * @param key - the shell's key
   */
  async close(key: string): Promise<void> {
    const pooled = this.#sessions.get(key);
    if (!pooled) return;
    this.#sessions.delete(key);
    clearTimeout(pooled.timer);
    await pooled.shell.close();
  }

  /** Closes every shell; the pool refuses new ones afterwards. */
  async closeAll(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#sessions.keys()].map((key) => this.close(key)));
  }

  #open(options: { key: string; workspace: string }): PooledSession {
    const { key, workspace } = options;
    const existing = this.#sessions.get(key);
    if (existing) {
      // Re-insert so the map's order is least recently used first.
      this.#sessions.delete(key);
      this.#sessions.set(key, existing);
      return existing;
    }
    if (this.#closed) throw shellError('SESSION_CLOSED', 'The shell service is stopping; persistent shells cannot be started now.');
    const { config, policy, env } = this.#options;
    const shell = new ShellSession({ ...config, workspace, policy, env });
    const pooled: PooledSession = { shell, workspace, timer: undefined, cwd: workspace, running: 0 };
    this.#sessions.set(key, pooled);
    this.#evict(key);
    return pooled;
  }

  #evict(keep: string): void {
    for (const [key, pooled] of this.#sessions) {
      if (this.#sessions.size <= this.#options.config.session.maxSessions) return;
      if (pooled.running > 0 || key === keep) continue;
      this.#options.logger.debug({ sessionId: key }, 'closing the least recently used persistent shell');
      void this.close(key);
    }
  }

  #arm(key: string, pooled: PooledSession): void {
    pooled.timer = setTimeout(() => {
      this.#options.logger.debug({ sessionId: key }, 'closing an idle persistent shell');
      void this.close(key);
    }, this.#options.config.session.idleMs);
    pooled.timer.unref();
  }
}
