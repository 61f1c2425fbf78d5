import { accessSync, constants, lstatSync, readlinkSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { shellError } from '../shell-error.js';

/** Host system directories made visible read-only (or re-created as the same symlink). */
const SYSTEM_DIRECTORIES = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * The `/etc` entries programs need to run: loader cache, users and groups, name resolution,
 * TLS certificates, time zone, Debian alternatives. Everything else in `/etc` (shadow files,
 * SSH host keys, service credentials) stays invisible.
 */
export const SANDBOX_ETC_ENTRIES: readonly string[] = [
  'alternatives', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime', 'timezone',
  'passwd', 'group', 'nsswitch.conf', 'hosts', 'host.conf', 'resolv.conf', 'gai.conf',
  'protocols', 'services', 'ssl', 'ca-certificates', 'ca-certificates.conf', 'mime.types',
  'os-release', 'debian_version', 'magic', 'magic.mime', 'terminfo', 'inputrc', 'locale.alias',
];

/**
 * Finds the bubblewrap binary.
 *
 * @param options - an explicit `path` to check instead of searching, and the PATH to search
 * @returns the path of an executable `bwrap`, or `undefined` when there is none
 */
export function detectBwrap(options: { path?: string; searchPath?: string } = {}): string | undefined {
  if (options.path !== undefined) return isExecutable(options.path) ? options.path : undefined;
  const directories = (options.searchPath ?? process.env.PATH ?? '/usr/bin:/bin').split(delimiter).filter(Boolean);
  return directories.map((directory) => join(directory, 'bwrap')).find(isExecutable);
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
}

/**
 * Builds the bwrap argument list: every namespace unshared (network only shared on request),
 * capabilities dropped, system directories read-only, a minimal `/etc`, private `/tmp`,
 * `/proc` and `/dev`, the workspace read-write, and the root made read-only. The host home
 * directories are never bound. The environment is not on this list: spawn bwrap with the
 * already filtered environment so values never show up in the host's process list.
 *
 * @param options - workspace, cwd, network and the command
 * @returns arguments for `bwrap`, ending with `--` and the command
 */
export function buildBwrapArgs(options: BwrapArgsOptions): string[] {
  const args = ['--unshare-all', ...(options.network ? ['--share-net'] : [])];
  args.push('--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--hostname', 'sandbox');
  for (const directory of SYSTEM_DIRECTORIES) args.push(...bindSystemDirectory(directory));
  args.push('--dir', '/etc');
  for (const entry of SANDBOX_ETC_ENTRIES) args.push('--ro-bind-try', `/etc/${entry}`, `/etc/${entry}`);
  for (const path of options.readOnlyPaths ?? []) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--tmpfs', '/var/tmp');
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

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
