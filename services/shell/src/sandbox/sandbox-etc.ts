import type { SandboxUser } from './sandbox-user.js';

/**
 * Host `/etc` entries programs need, made visible read-only: loader cache, time zone, TLS
 * certificates, protocol and service names, Debian alternatives, terminfo. No account, password,
 * host name or credential file is among them: `passwd`, `group`, `hosts` and `nsswitch.conf`
 * are generated (see {@link sandboxEtcFiles}).
 */
export const SANDBOX_ETC_ENTRIES: readonly string[] = [
  'alternatives', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime', 'timezone',
  'protocols', 'services', 'ssl', 'ca-certificates', 'ca-certificates.conf', 'mime.types',
  'os-release', 'debian_version', 'magic', 'magic.mime', 'terminfo', 'inputrc', 'locale.alias',
];

/** Host `/etc` entries for name resolution, made visible only when the sandbox shares the network. */
export const NETWORK_ETC_ENTRIES: readonly string[] = ['resolv.conf', 'hosts', 'host.conf', 'gai.conf'];

/** A file bubblewrap creates read-only inside the sandbox from the given text. */
export interface SandboxFile {
  /** Absolute path inside the sandbox. */
  path: string;
  /** Its content. */
  content: string;
}

/** The group of the sandbox's files that belong to no mapped id (host root's `/usr`, for one). */
const NOBODY_ID = 65_534;

/**
 * The generated `/etc` files: `passwd` and `group` with only the sandbox user and `nobody` (the
 * owner of every file whose host owner is not mapped into the sandbox), `nsswitch.conf` reading
 * only those files, and, without network, a `hosts` with nothing but localhost.
 *
 * @param options - the sandbox user, its home (the workspace) and whether the network is shared
 */
export function sandboxEtcFiles(options: { user: Pick<SandboxUser, 'uid' | 'gid'>; home: string; network: boolean }): SandboxFile[] {
  const { user } = options;
  // A ':' or newline would break the passwd line; HOME in the environment still names the workspace.
  const home = /[:\n]/.test(options.home) ? '/nonexistent' : options.home;
  const passwd = [`sandbox:x:${user.uid}:${user.gid}:Downcity sandbox:${home}:/bin/sh`];
  if (user.uid !== NOBODY_ID) passwd.push(`nobody:x:${NOBODY_ID}:${NOBODY_ID}:nobody:/nonexistent:/usr/sbin/nologin`);
  const group = [`sandbox:x:${user.gid}:`];
  if (user.gid !== NOBODY_ID) group.push(`nogroup:x:${NOBODY_ID}:`);
  const files: SandboxFile[] = [
    { path: '/etc/passwd', content: lines(passwd) },
    { path: '/etc/group', content: lines(group) },
    { path: '/etc/nsswitch.conf', content: lines(['passwd: files', 'group: files', 'shadow: files', 'hosts: files dns', 'networks: files', 'protocols: files', 'services: files']) },
  ];
  if (!options.network) files.push({ path: '/etc/hosts', content: lines(['127.0.0.1 localhost sandbox', '::1 localhost ip6-localhost ip6-loopback']) });
  return files;
}

const lines = (entries: readonly string[]): string => `${entries.join('\n')}\n`;
