import { lstatSync, readlinkSync } from 'node:fs';
import { findExecutable } from '@downcity/core';
import { shellError } from '../shell-error.js';
import type { BwrapFeatures } from './bwrap-features.js';
import { NETWORK_ETC_ENTRIES, SANDBOX_ETC_ENTRIES } from './sandbox-etc.js';
import type { SandboxUser } from './sandbox-user.js';

/** Host system directories made visible read-only (or re-created as the same symlink). */
const SYSTEM_DIRECTORIES = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * Finds the bubblewrap binary.
 *
 * @param options - an explicit `path` to check instead of searching, and the PATH to search
 * @returns the path of an executable `bwrap`, or `undefined` when there is none
 */
export function detectBwrap(options: { path?: string; searchPath?: string } = {}): string | undefined {
  return findExecutable('bwrap', options);
}

/**
 * Like {@link detectBwrap}, but throws an error that tells the user how to fix a missing
 * bubblewrap.
 *
 * @param path - an explicit bwrap path, if configured
 * @throws DowncityError (`details.reason`) `SANDBOX_UNAVAILABLE`
 */
export function requireBwrap(path?: string): string {
  const found = detectBwrap(path === undefined ? {} : { path });
  if (found) return found;
  const where = path === undefined ? 'on PATH' : `at "${path}"`;
  throw shellError(
    'SANDBOX_UNAVAILABLE',
    `bubblewrap (bwrap) was not found ${where}, so commands cannot be sandboxed. ` +
      'Install it (Debian/Ubuntu: `apt-get install bubblewrap`), or set `sandbox: "none"` to run commands unsandboxed on the host.',
  );
}

/** What {@link buildBwrapArgs} needs to know. */
export interface BwrapArgsOptions {
  /** Real path of the workspace, bound read-write at the same path. */
  workspace: string;
  /** Real path of the working directory inside the workspace. */
  cwd: string;
  /** Share the host network namespace. */
  network: boolean;
  /** Extra host paths bound read-only at the same path. */
  readOnlyPaths?: readonly string[];
  /** The command to run inside, program first. Never passed through a shell. */
  argv: readonly string[];
  /** The uid and gid inside the sandbox. */
  user: Pick<SandboxUser, 'uid' | 'gid'>;
  /** Files bwrap creates read-only from the descriptor it is given (the generated `/etc/passwd`...). */
  files?: readonly { descriptor: number; path: string }[];
  /**
   * Descriptors the command must not inherit. Each is handed to bwrap as the (empty) source of a
   * copy into `/dev/null`; bwrap closes every descriptor it copied from before running the command.
   */
  closeDescriptors?: readonly number[];
  /** Options the installed bwrap supports; without them the sandbox is built from what every version has. */
  features?: BwrapFeatures;
}

/**
 * Builds the bwrap argument list: every namespace unshared (network only shared on request), a
 * user namespace in which only the sandbox uid and gid exist and no further user namespace can be
 * made, capabilities dropped, system directories read-only, a minimal `/etc` with generated account
 * files, private `/tmp`, `/proc` and `/dev`, the workspace read-write, and the root made read-only.
 * Host home directories are never bound. The environment is not on this list: spawn bwrap with the
 * already filtered environment so values never show up in the host's process list.
 *
 * @param options - workspace, cwd, network, user, generated files and the command
 * @returns arguments for `bwrap`, ending with `--` and the command
 */
export function buildBwrapArgs(options: BwrapArgsOptions): string[] {
  const features = options.features ?? { disableUserns: false, perms: false };
  const args = ['--unshare-all', '--unshare-user', ...(features.disableUserns ? ['--disable-userns'] : []), ...(options.network ? ['--share-net'] : [])];
  args.push('--uid', String(options.user.uid), '--gid', String(options.user.gid));
  args.push('--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--hostname', 'sandbox');
  for (const directory of SYSTEM_DIRECTORIES) args.push(...bindSystemDirectory(directory));
  args.push('--dir', '/etc');
  const etc = options.network ? [...SANDBOX_ETC_ENTRIES, ...NETWORK_ETC_ENTRIES] : SANDBOX_ETC_ENTRIES;
  for (const entry of etc) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
  for (const file of options.files ?? []) args.push(...(features.perms ? ['--perms', '0444'] : []), '--ro-bind-data', String(file.descriptor), file.path);
  for (const path of options.readOnlyPaths ?? []) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev');
  for (const descriptor of options.closeDescriptors ?? []) args.push('--file', String(descriptor), '/dev/null');
  args.push('--tmpfs', '/tmp', '--tmpfs', '/var/tmp');
  args.push('--bind', options.workspace, options.workspace, '--remount-ro', '/', '--chdir', options.cwd);
  args.push('--', ...options.argv);
  return args;
}

function bindSystemDirectory(path: string): string[] {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return ['--symlink', readlinkSync(path), path];
    return stats.isDirectory() ? ['--ro-bind', path, path] : [];
  } catch {
    return [];
  }
}

