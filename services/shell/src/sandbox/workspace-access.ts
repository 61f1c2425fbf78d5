import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { dirname, parse, sep } from 'node:path';
import { shellError } from '../shell-error.js';
import type { SandboxUser } from './sandbox-user.js';

type Ids = Pick<SandboxUser, 'uid' | 'gid'>;

/** Whether a uid with only this gid (no supplementary groups) may search (enter) a directory. */
function maySearch(stats: { uid: number; gid: number; mode: number }, ids: Ids): boolean {
  if (stats.uid === ids.uid) return (stats.mode & 0o100) !== 0;
  if (stats.gid === ids.gid) return (stats.mode & 0o010) !== 0;
  return (stats.mode & 0o001) !== 0;
}

const isWithin = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Creates a command workspace (mode 0700) and, when commands run as another host uid (the agent is
 * root), gives it to the sandbox user and group so commands can write there.
 *
 * @param options - the directory and the sandbox user
 */
export async function prepareWorkspace(options: { path: string; user: SandboxUser }): Promise<void> {
  const { path, user } = options;
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (!user.spawnAs) return;
  const stats = await stat(path);
  if (stats.uid !== user.spawnAs.uid || stats.gid !== user.spawnAs.gid) await chown(path, user.spawnAs.uid, user.spawnAs.gid);
}

/**
 * Creates the folder that holds one workspace per principal: mode 0700, or, when commands run as
 * another host uid, 0710 with the sandbox group, so commands can pass through it to their own
 * workspace without listing the others.
 *
 * @param options - the directory and the sandbox user
 */
export async function prepareWorkspaceRoot(options: { path: string; user: SandboxUser }): Promise<void> {
  const { path, user } = options;
  await mkdir(path, { recursive: true, mode: 0o700 });
  if (!user.spawnAs) return;
  const stats = await stat(path);
  if (stats.gid !== user.spawnAs.gid) await chown(path, stats.uid, user.spawnAs.gid);
  if ((stats.mode & 0o7777) !== 0o710) await chmod(path, 0o710);
}

/**
 * Makes sure the sandbox user can reach `path` when commands run as another host uid: bubblewrap,
 * started as that uid, resolves the workspace path with its rights, so every directory above it must
 * be searchable for it. A blocking directory inside `grantWithin` (the agent's data folder) with no
 * group permissions is given to the sandbox group with search-only access (g+x), which no other
 * account has; any other blocking directory is an error saying how to fix it. Nothing is done when
 * the agent does not run as root.
 *
 * @param options - the path, the sandbox user and the folder whose directories may be changed
 * @returns the directories that were changed
 * @throws DowncityError (`details.reason`) `WORKSPACE_INVALID` naming the directory that blocks the sandbox user
 */
export async function ensureSandboxCanReach(options: { path: string; user: SandboxUser; grantWithin?: string }): Promise<string[]> {
  const { user } = options;
  if (!user.spawnAs) return [];
  const ids = user.spawnAs;
  const changed: string[] = [];
  for (const directory of ancestorsOf(dirname(options.path))) {
    const stats = await stat(directory);
    if (maySearch(stats, ids)) continue;
    const mode = stats.mode & 0o7777;
    const grantable = options.grantWithin !== undefined && isWithin(directory, options.grantWithin) && (stats.gid === ids.gid || (mode & 0o070) === 0);
    if (!grantable) {
      throw shellError(
        'WORKSPACE_INVALID',
        `Commands run as uid ${ids.uid} (services.shell.sandboxUid) because the agent runs as root, and that uid cannot reach the workspace "${options.path}": ` +
          `"${directory}" is not searchable for it. Run \`chmod o+x ${directory}\`, choose a workspace it can reach (services.shell.workspace), or run the agent as an unprivileged user.`,
      );
    }
    if (stats.gid !== ids.gid) await chown(directory, stats.uid, ids.gid);
    await chmod(directory, mode | 0o010);
    changed.push(directory);
  }
  return changed;
}

/** `/`, `/a`, `/a/b` for `/a/b`. */
function ancestorsOf(path: string): string[] {
  const { root } = parse(path);
  const parts = path.slice(root.length).split(sep).filter(Boolean);
  return [root, ...parts.map((_, index) => root + parts.slice(0, index + 1).join(sep))];
}
