import type { Permissions } from '@downcity/core';

/** The permissions a package asks for, ready to show before install. */
export interface PermissionSummary {
  /** The validated permissions. */
  permissions: Permissions;
  /** One line per permission, e.g. `network: api.example.com`. */
  lines: string[];
  /** Whether it asks for anything beyond none (network, exec, files, secrets, logs or other packages' actions). */
  sensitive: boolean;
}

/** Summarizes a manifest's permissions as lines a person can confirm. */
export function summarizePermissions(permissions: Permissions): PermissionSummary {
  const network = permissions.network === true ? 'any host' : permissions.network === false || permissions.network.length === 0 ? 'none' : permissions.network.join(', ');
  const lines = [
    `network: ${network}`,
    `runs programs: ${permissions.exec ? 'yes' : 'no'}`,
    `files: ${permissions.filesystem}`,
    `secrets: ${permissions.secrets.length > 0 ? permissions.secrets.join(', ') : 'none'}`,
    ...(permissions.logs ? ["reads the agent's logs (redacted): yes"] : []),
    ...(uses(permissions).length > 0 ? [`invokes actions: ${uses(permissions).join(', ')}`] : []),
  ];
  const sensitive =
    network !== 'none' || permissions.exec || permissions.filesystem !== 'none' || permissions.secrets.length > 0 || permissions.logs === true || uses(permissions).length > 0;
  return { permissions, lines, sensitive };
}

/** Whether `next` asks for anything `previous` did not. */
export function widensPermissions(previous: Permissions, next: Permissions): boolean {
  const hosts = (value: Permissions['network']): Set<string> | 'all' => (value === true ? 'all' : new Set(value === false ? [] : value));
  const before = hosts(previous.network);
  const after = hosts(next.network);
  const widerNetwork = after === 'all' ? before !== 'all' : before !== 'all' && [...after].some((host) => !before.has(host));
  const order = ['none', 'read', 'workspace', 'full'];
  return (
    widerNetwork ||
    (next.exec && !previous.exec) ||
    order.indexOf(next.filesystem) > order.indexOf(previous.filesystem) ||
    next.secrets.some((secret) => !previous.secrets.includes(secret)) ||
    (next.logs === true && previous.logs !== true) ||
    uses(next).some((action) => !uses(previous).includes(action))
  );
}

/** The actions a package invokes (`uses`); permissions from before the field, or from a browser, may lack it. */
function uses(permissions: Permissions): string[] {
  return (permissions as Partial<Permissions>).uses ?? [];
}

/**
 * Whether two permission sets ask for exactly the same: the same hosts (in any order; `false` and `[]` are both
 * none), exec, file access, secrets and used actions (in any order). `undefined` (a chat channel, which declares none) equals
 * only `undefined`. The console adds a package only when the permissions a person accepted equal what it asks for.
 */
export function samePermissions(a: Permissions | undefined, b: Permissions | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return !widensPermissions(a, b) && !widensPermissions(b, a);
}
