import { isAbsolute, join, relative, sep } from 'node:path';
import { resolveSandboxUser, type SandboxUser } from '../sandbox/sandbox-user.js';
import { ensureSandboxCanReach, prepareWorkspace, prepareWorkspaceRoot } from '../sandbox/workspace-access.js';
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
  readonly #root: string;
  readonly #scope: WorkspaceScope;
  readonly #user: SandboxUser;
  #problem: Error | undefined;

  /**
   * @param options - the workspace folder, the scope, and the sandbox uid and gid from the config
   */
  constructor(options: { root: string; scope: WorkspaceScope; sandboxUid: number; sandboxGid: number }) {
    this.#root = options.root;
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
   * `ensureSandboxCanReach`). A problem is kept, not thrown: every command then fails with it.
   *
   * @param grantWithin - the agent's data folder, whose directories may be opened to the sandbox group
   * @returns the directories whose permissions were changed, and the problem if any
   */
  async start(grantWithin: string): Promise<{ changed: string[]; problem?: Error }> {
    try {
      if (this.#scope === 'shared') await prepareWorkspace({ path: this.#root, user: this.#user });
      else await prepareWorkspaceRoot({ path: this.#root, user: this.#user });
      const changed = await ensureSandboxCanReach({ path: this.#root, user: this.#user, grantWithin });
      this.#problem = undefined;
      return { changed };
    } catch (error) {
      this.#problem = error instanceof Error ? error : new Error(String(error));
      return { changed: [], problem: this.#problem };
    }
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
