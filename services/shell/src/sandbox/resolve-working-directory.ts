import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { shellError } from '../shell-error.js';

/** A workspace and a working directory inside it, both with symlinks resolved. */
export interface ResolvedDirectories {
  /** Real path of the workspace. */
  workspace: string;
  /** Real path of the working directory; always the workspace or inside it. */
  cwd: string;
}

/**
 * Resolves the working directory for a command and makes sure it really lies inside the
 * workspace: `..` segments and symlinks are resolved first (realpath), so neither can escape.
 *
 * @param options - the workspace and a cwd, absolute or relative to the workspace
 * @returns both real paths
 * @throws DowncityError (`details.reason`) `WORKSPACE_INVALID`, `CWD_NOT_FOUND` or `CWD_OUTSIDE_WORKSPACE`
 */
export async function resolveWorkingDirectory(options: { workspace: string; cwd?: string }): Promise<ResolvedDirectories> {
  const workspace = await realDirectory(options.workspace).catch((cause: unknown) => {
    throw shellError(
      'WORKSPACE_INVALID',
      `The workspace "${options.workspace}" is not an existing directory. Create it or point workspace at one.`,
      { cause },
    );
  });
  if (workspace === sep) {
    throw shellError('WORKSPACE_INVALID', 'The workspace cannot be the filesystem root. Use a dedicated directory.');
  }
  const requested = resolve(workspace, options.cwd ?? '.');
  const cwd = await realDirectory(requested).catch((cause: unknown) => {
    throw shellError('CWD_NOT_FOUND', `The working directory "${options.cwd}" does not exist inside the workspace.`, { cause });
  });
  if (cwd !== workspace && !cwd.startsWith(workspace + sep)) {
    throw shellError(
      'CWD_OUTSIDE_WORKSPACE',
      `The working directory "${options.cwd}" resolves to "${cwd}", outside the workspace "${workspace}". Use a directory inside the workspace.`,
    );
  }
  return { workspace, cwd };
}

async function realDirectory(path: string): Promise<string> {
  const real = await realpath(path);
  if (!(await stat(real)).isDirectory()) throw new Error(`${real} is not a directory`);
  return real;
}
