import { DowncityError, ErrorCodes, findExecutable, type Permissions } from '@downcity/core';
import { parseEgressHosts, type EgressRule } from './egress-hosts.js';

/** How an isolated host's network is limited: `auto` uses bubblewrap when installed, `require` refuses without it. */
export type NetworkIsolation = 'auto' | 'require' | 'off';

/** The program that starts the host and its arguments before `node`, when its network is cut off. */
export interface HostWrapper {
  /** The wrapper binary (bubblewrap). */
  command: string;
  /** Its arguments up to and including `--`; `node` and its flags follow. */
  args: string[];
}

/** What the host's network looks like, for `plugins info` and the log. */
export interface NetworkEnforcement {
  /**
   * `none`: no network but its own loopback; `allowlist`: only the declared hosts, through the agent's egress
   * proxy; `open`: `network: true`, not limited; `unenforced`: limited on paper only (no bubblewrap, or `off`).
   */
  state: 'none' | 'allowlist' | 'open' | 'unenforced';
  /** A sentence saying how, for people. */
  how: string;
  /** The wrapper to start the host with, when `state` is `none` or `allowlist`. */
  wrapper?: HostWrapper;
  /** The parsed host list, when `state` is `allowlist`. */
  rules?: EgressRule[];
}

/** The loopback port inside the host's network namespace where the egress bridge listens (`HTTP_PROXY`). */
export const EGRESS_BRIDGE_PORT = 3128;

/**
 * The environment that points a host's HTTP at its egress bridge: `HTTP_PROXY`/`HTTPS_PROXY` (both cases) and
 * `NODE_USE_ENV_PROXY=1`, which makes `fetch` and `node:http`/`node:https` use them (Node 22.21+ and 24.5+).
 * Node reads them once at start (setting them later changes nothing), so they are given at fork, with a fixed
 * port: the namespace is new and empty, and the bridge listens before the plugin is imported.
 */
export function egressEnv(port: number = EGRESS_BRIDGE_PORT): Record<string, string> {
  const url = `http://127.0.0.1:${port}`;
  return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NODE_USE_ENV_PROXY: '1' };
}

/**
 * Whether this Node's `fetch` and `node:http` honour `NODE_USE_ENV_PROXY` (22.21+, 24.5+, 25+). On an older one a
 * plugin's own HTTP does not find the egress bridge and fails (there is no other way out), so the agent warns.
 *
 * @param version - a Node version (default: the running one, which the host runs too)
 */
export function nodeHonoursEnvProxy(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major >= 25 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21);
}

/**
 * bubblewrap's arguments for a host: a network namespace of its own (`--unshare-net`: only a loopback interface
 * no agent port is on), a PID namespace (its `/proc` shows only its own processes, not the agent's), the file
 * system bound read-only (`--ro-bind / /`, fresh `/dev` and `/proc`) with only the
 * data folder writable for `filesystem: "workspace"` (everything for `"full"`). Files stay first the
 * permission model's job; the read-only view is a second wall should it be escaped. The egress proxy's Unix
 * socket (in the agent's temporary folder) is inside the read-only view and can be connected to there.
 *
 * @param permissions - the plugin's declared permissions
 * @param dataDir - the plugin's data folder (`<dataDir>/plugins/<id>`), when it has one
 */
export function bwrapArgs(permissions: Permissions, dataDir?: string): string[] {
  const root = permissions.filesystem === 'full' ? ['--bind', '/', '/'] : ['--ro-bind', '/', '/'];
  const data = permissions.filesystem === 'workspace' && dataDir !== undefined ? ['--bind', dataDir, dataDir] : [];
  return ['--unshare-net', '--unshare-pid', '--die-with-parent', ...root, '--dev', '/dev', '--proc', '/proc', ...data, '--'];
}

/**
 * Decides how a host's network is enforced (decision 0028). A plugin that declares no network (or an empty
 * list) runs inside bubblewrap with `--unshare-net` ({@link bwrapArgs}); the IPC channel (an inherited
 * descriptor) keeps working. A declared host list runs there too, and its only way out is the agent's egress
 * proxy (`startEgressProxy`), which lets through only those hosts. `network: true` is open.
 *
 * @param permissions - the plugin's declared permissions
 * @param options - the isolation mode (default `auto`), an explicit bwrap path, the plugin's data folder
 * @throws DowncityError `CONFIG_INVALID` with `require` when bubblewrap is not installed; `MANIFEST_INVALID`
 * when a host list entry is not a host
 */
export function networkEnforcement(
  permissions: Permissions,
  options: { isolation?: NetworkIsolation; bwrapPath?: string; searchPath?: string; dataDir?: string } = {},
): NetworkEnforcement {
  if (permissions.network === true) return { state: 'open', how: 'network open: it declares `network: true`, so any host is reachable' };
  const hosts = Array.isArray(permissions.network) && permissions.network.length > 0 ? permissions.network : undefined;
  const rules = hosts ? parseEgressHosts(hosts) : undefined;
  const isolation = options.isolation ?? 'auto';
  const limited = hosts ? `network not limited to ${hosts.join(', ')}` : 'network not cut off';
  if (isolation === 'off') return { state: 'unenforced', how: `${limited} (networkIsolation: "off")` };
  const bwrap = findExecutable('bwrap', {
    ...(options.bwrapPath !== undefined ? { path: options.bwrapPath } : {}),
    ...(options.searchPath !== undefined ? { searchPath: options.searchPath } : {}),
  });
  if (!bwrap) {
    if (isolation === 'require') {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        `bubblewrap (bwrap) was not found, so an isolated plugin's network cannot be ${hosts ? 'limited to its declared hosts' : 'cut off'}. Install it (Debian/Ubuntu: \`apt-get install bubblewrap\`), or allow running without network isolation.`,
      );
    }
    return { state: 'unenforced', how: `${limited}: bubblewrap (bwrap) is not installed` };
  }
  const wrapper = { command: bwrap, args: bwrapArgs(permissions, options.dataDir) };
  if (rules && hosts) return { state: 'allowlist', how: `network only to ${hosts.join(', ')} (egress proxy; bubblewrap --unshare-net)`, wrapper, rules };
  return { state: 'none', how: 'no network (bubblewrap --unshare-net)', wrapper };
}
