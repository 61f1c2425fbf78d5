import type { Permissions } from '@downcity/core';
import { codeFolders } from './code-folders.js';
import { hostEnv } from './host-env.js';
import { networkEnforcement, type NetworkIsolation } from './network-wrapper.js';
import { permissionFlags } from './permission-flags.js';

/** Options of {@link sandboxLaunch}. */
export interface SandboxLaunchOptions {
  /** The package's folder (holding its package.json). */
  packageDir: string;
  /** The permissions its manifest declares. */
  permissions: Permissions;
  /** The environment the declared secrets are picked from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Its data folder, readable with `filesystem: "read"`, writable with `"workspace"` (a dry run passes an empty temp folder). */
  dataDir: string;
  /** The heap limit in MiB (default 128). */
  maxHeapMb?: number;
  /** How an undeclared network is cut off (default `auto`). */
  networkIsolation?: NetworkIsolation;
  /** The `node` binary (default the running one). */
  nodePath?: string;
}

/** How to start `node` for a package under its declared permissions: the program, its arguments, its environment. */
export interface SandboxLaunch {
  /** The program to spawn: bubblewrap when the network is cut off, else `node`. */
  command: string;
  /** Its arguments up to and including node's permission flags; the script and its arguments follow. */
  args: string[];
  /** The whole environment to give it: only the declared secrets (and `PATH` with `exec`). */
  env: Record<string, string>;
}

/**
 * The command line that runs Node for a package with exactly the rights an isolated host gets (decision 0028):
 * Node's permission model over its code and data folders, programs only with `exec`, only its declared secrets in
 * the environment, a heap limit, and no network (bubblewrap) unless it declares `network: true` — a declared host
 * list is reached only through the running agent's egress proxy, which a dry run does not start. `downcity plugins add` and `verify` use
 * it to import a third-party plugin for their dry run, so its top-level code never runs with more than it asked for.
 *
 * @param options - the package, its permissions and the environment to pick secrets from
 * @throws DowncityError `CONFIG_INVALID` when `networkIsolation` is `require` and bubblewrap is not installed
 */
export function sandboxLaunch(options: SandboxLaunchOptions): SandboxLaunch {
  const node = options.nodePath ?? process.execPath;
  const flags = permissionFlags({ permissions: options.permissions, codeFolders: codeFolders(options.packageDir), dataDir: options.dataDir, maxHeapMb: options.maxHeapMb ?? 128 });
  // A dry run has no egress proxy: a declared host list is as cut off as no network while its top-level code runs.
  const network = networkEnforcement(options.permissions, { dataDir: options.dataDir, ...(options.networkIsolation !== undefined ? { isolation: options.networkIsolation } : {}) });
  const env = hostEnv(options.permissions, options.env);
  if (!network.wrapper) return { command: node, args: flags, env };
  return { command: network.wrapper.command, args: [...network.wrapper.args, node, ...flags], env };
}
