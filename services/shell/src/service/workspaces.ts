import { isAbsolute, join, relative, sep } from 'node:path';
import { resolveSandboxUser, type SandboxUser } from '../sandbox/sandbox-user.js';
import { ensureSandboxCanReach, prepareWorkspace, prepareWorkspaceRoot } from '../sandbox/workspace-access.js';
import { prepareRootWorkspacesDirectory } from './root-fallback-workspace.js';
import { workspaceDirectoryName } from './workspace-directory-name.js';
import type { WorkspaceScope } from './workspace-scope.js';
import { requesterOf, type CommandRequest } from './shell-runtime.js';

/** Who a workspace is for: the fields of a request that decide it. */
export type WorkspaceOwner = Pick<CommandRequest, 'principal' | 'caller' | 'sessionId'>;

/**
 * The workspaces commands run in: one folder per principal (or per session) under the configured
 * workspace folder, or that folder itself when shared. A command's sandbox binds only its own
 * workspace, so one principal's commands cannot see another's files by any path.
 */
export class Workspaces {
  #root: string;
  readonly #fallbackRoot: string | undefined;
  readonly #scope: WorkspaceScope;
  readonly #user: SandboxUser;
  #problem: Error | undefined;

  /**
   * @param options - the workspace folder, the scope, the sandbox uid and gid from the config, and where the
   *   workspaces go instead when the agent runs as root and the sandbox uid cannot reach that folder (only for
   *   the default folder: a configured one is never moved)
   */
  constructor(options: { root: string; scope: WorkspaceScope; sandboxUid: number; sandboxGid: number; fallbackRoot?: string }) {
    this.#root = options.root;
    this.#fallbackRoot = options.fallbackRoot;
    this.#scope = options.scope;
    this.#user = resolveSandboxUser(options);
  }

  /** The configured workspace folder: the shared workspace, or the parent of every principal's own. */
  get root(): string {
    return this.#root;
  }

  /** Who commands run as. */
  get user(): SandboxUser {
    return this.#user;
  }

  /**
   * The key of the workspace a request uses: the principal id (else the caller), the session id, or
   * `""` when shared.
   *
   * @param owner - who asks
   */
  keyOf(owner: WorkspaceOwner): string {
    if (this.#scope === 'shared') return '';
    if (this.#scope === 'session') return owner.sessionId ?? `caller:${owner.caller}`;
    return requesterOf(owner);
  }

  /**
   * The absolute path of a workspace (which may not exist yet).
   *
   * @param key - from {@link keyOf}
   */
  pathOf(key: string): string {
    return this.#scope === 'shared' ? this.#root : join(this.#root, workspaceDirectoryName(`${this.#scope}:${key}`));
  }

  /**
   * Creates the workspace folder at start and makes sure the sandbox user can reach it (see
   * `ensureSandboxCanReach`). When it cannot (the agent runs as root and a directory above the data
   * folder, such as `/root` or a 0700 temporary folder, blocks the sandbox uid) and a fallback folder was
   * given, the workspaces move there. A problem is kept, not thrown: every command then fails with it.
   *
   * @param grantWithin - the agent's data folder, whose directories may be opened to the sandbox group
   * @returns the directories whose permissions were changed, where the workspaces moved to if they did, and the problem if any
   */
  async start(grantWithin: string): Promise<{ changed: string[]; movedTo?: string; problem?: Error }> {
    const first = await this.#prepare(this.#root, grantWithin);
    const fallback = this.#fallbackRoot;
    if (!('problem' in first) || fallback === undefined || !this.#user.spawnAs) return this.#settle(first);
    const moved = await prepareRootWorkspacesDirectory().then(
      () => this.#prepare(fallback, undefined),
      (error: unknown) => ({ problem: error instanceof Error ? error : new Error(String(error)) }),
    );
    if ('problem' in moved) return this.#settle(first);
    this.#root = fallback;
    return { ...this.#settle(moved), movedTo: this.#fallbackRoot };
  }

  async #prepare(root: string, grantWithin: string | undefined): Promise<{ changed: string[] } | { problem: Error }> {
    try {
      if (this.#scope === 'shared') await prepareWorkspace({ path: root, user: this.#user });
      else await prepareWorkspaceRoot({ path: root, user: this.#user });
      return { changed: await ensureSandboxCanReach({ path: root, user: this.#user, ...(grantWithin === undefined ? {} : { grantWithin }) }) };
    } catch (error) {
      return { problem: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  #settle(outcome: { changed: string[] } | { problem: Error }): { changed: string[]; problem?: Error } {
    this.#problem = 'problem' in outcome ? outcome.problem : undefined;
    return 'problem' in outcome ? { changed: [], problem: outcome.problem } : outcome;
  }

  /**
   * Creates a workspace if needed, owned by the sandbox user.
   *
   * @param key - from {@link keyOf}
   * @returns its absolute path
   * @throws the problem found at start, if any
   */
  async open(key: string): Promise<string> {
    if (this.#problem) throw this.#problem;
    const path = this.pathOf(key);
    await prepareWorkspace({ path, user: this.#user });
    return path;
  }

  /**
   * A directory as commands and the audit log report it: relative to the workspace (`.` for the
   * workspace itself), or absolute when it is outside (a shell that ran `cd /tmp`).
   *
   * @param key - from {@link keyOf}
   * @param directory - an absolute path inside the workspace
   */
  relativeCwd(key: string, directory: string): string {
    const inside = relative(this.pathOf(key), directory);
    if (inside === '') return '.';
    return inside.startsWith('..') || isAbsolute(inside) ? directory : inside.split(sep).join('/');
  }
}
