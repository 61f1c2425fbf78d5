import { IN_PROCESS_ENFORCEMENT, type Permissions } from '@downcity/core';
import type { NetworkEnforcement } from './network-wrapper.js';

/** What {@link enforcementLines} needs besides the permissions. */
export interface EnforcementOptions {
  /** Whether the plugin runs in an isolated host (else in the agent's process). */
  isolated: boolean;
  /** How its network would be enforced (`networkEnforcement`), when isolated. */
  network?: NetworkEnforcement;
  /** The host's heap limit in MiB (default 128). */
  maxHeapMb?: number;
}

/**
 * What is enforced of a plugin's declared permissions, and how, one line each: for `downcity plugins info` and
 * the console. In the agent's process nothing is; isolated, each permission names its mechanism (decision 0028).
 */
export function enforcementLines(permissions: Permissions, options: EnforcementOptions): string[] {
  if (!options.isolated) return [`${IN_PROCESS_ENFORCEMENT} (isolate it with isolation.thirdParty or isolation.plugins.<id>)`];
  const files = {
    none: 'files: only its own and its dependencies\' code, read-only (Node permission model)',
    read: 'files: its code, and its data folder read-only (Node permission model)',
    workspace: 'files: its code, and its data folder read-write (Node permission model)',
    full: 'files: all (it declares "full")',
  }[permissions.filesystem];
  const secrets = permissions.secrets.filter((name) => /^[A-Z_][A-Z0-9_]*$/.test(name));
  return [
    'own process (isolated plugin host)',
    files,
    permissions.exec ? 'programs: allowed (it declares exec), so also workers and addons' : 'programs: none (no child processes, workers or addons)',
    `network: ${options.network ? options.network.how.replace(/^network /, '') : permissions.network === false ? 'none' : 'open'}`,
    `environment: ${secrets.length > 0 ? `only ${secrets.join(', ')}` : 'empty'}${permissions.exec ? ' and PATH' : ''}`,
    `actions: invokes only ${permissions.uses.length > 0 ? `${permissions.uses.join(', ')} and its own` : 'its own'} (uses)`,
    `memory: heap limit ${options.maxHeapMb ?? 128} MiB; every call has the point's timeout`,
  ];
}
