import { DowncityError, ErrorCodes, findExecutable, type Permissions } from '@downcity/core';

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
  /** `none`: no network but its own loopback; `open`: declared, not limited; `unenforced`: undeclared but not cut off. */
  state: 'none' | 'open' | 'unenforced';
  /** A sentence saying how, for people. */
  how: string;
  /** The wrapper to start the host with, when `state` is `none`. */
  wrapper?: HostWrapper;
}

/**
 * Decides how a host's network is enforced. A plugin that declares no network runs inside bubblewrap with
 * `--unshare-net`: a network namespace of its own with only a loopback interface no agent port is on, while the IPC
 * channel (an inherited descriptor) keeps working. `--dev-bind / /` keeps the file system as it is: files are
 * limited by Node's permission model, not by the wrapper. A declared network (`true` or a host list) is open: the
 * egress proxy for host lists is the next step (decision 0028).
 *
 * @param permissions - the plugin's declared permissions
 * @param options - the isolation mode (default `auto`) and an explicit bwrap path
 * @throws DowncityError `CONFIG_INVALID` with `require` when bubblewrap is not installed
 */
export function networkEnforcement(permissions: Permissions, options: { isolation?: NetworkIsolation; bwrapPath?: string; searchPath?: string } = {}): NetworkEnforcement {
  if (permissions.network !== false) {
    const hosts = Array.isArray(permissions.network) ? ` (declared: ${permissions.network.join(', ')}; not yet limited to them)` : '';
    return { state: 'open', how: `network open${hosts}` };
  }
  const isolation = options.isolation ?? 'auto';
  if (isolation === 'off') return { state: 'unenforced', how: 'network not cut off (networkIsolation: "off")' };
  const bwrap = findExecutable('bwrap', {
    ...(options.bwrapPath !== undefined ? { path: options.bwrapPath } : {}),
    ...(options.searchPath !== undefined ? { searchPath: options.searchPath } : {}),
  });
  if (!bwrap) {
    if (isolation === 'require') {
      throw new DowncityError(
        ErrorCodes.CONFIG_INVALID,
        'bubblewrap (bwrap) was not found, so an isolated plugin\'s network cannot be cut off. Install it (Debian/Ubuntu: `apt-get install bubblewrap`), or allow running without network isolation.',
      );
    }
    return { state: 'unenforced', how: 'network not cut off: bubblewrap (bwrap) is not installed' };
  }
  return {
    state: 'none',
    how: 'no network (bubblewrap --unshare-net)',
    wrapper: { command: bwrap, args: ['--unshare-net', '--die-with-parent', '--dev-bind', '/', '/', '--'] },
  };
}
