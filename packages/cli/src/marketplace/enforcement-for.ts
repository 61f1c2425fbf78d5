import { IN_PROCESS_ENFORCEMENT, IsolationSettingsSchema, type IsolationSettings } from '@downcity/core';
import type { PackageListing } from '@downcity/marketplace';
import { enforcementLines, networkEnforcement, type NetworkEnforcement } from '@downcity/plugin-host';
import { isolates } from '../project/isolate-plugins.js';
import { readProjectConfig } from '../project/read-project-config.js';

/** The project's isolation settings, or the defaults outside a project (or when its config cannot be read). */
export async function projectIsolation(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<IsolationSettings> {
  try {
    return (await readProjectConfig(cwd, { env: { ...env } })).config.isolation;
  } catch {
    return IsolationSettingsSchema.parse({});
  }
}

/**
 * What of a plugin's permissions this project would enforce, and how (decision 0028): the `enforced` lines of
 * `downcity plugins info`. Services and channels always run in the agent's process, so nothing of theirs is.
 */
export function enforcementFor(listing: PackageListing, settings: IsolationSettings): string[] {
  if (listing.kind === 'service' || listing.kind === 'channel') return [`${IN_PROCESS_ENFORCEMENT} (services and channels always do: install only ones you trust)`];
  if (listing.kind !== 'plugin' || !listing.id || !listing.permissions) return [];
  const permissions = listing.permissions.permissions;
  const isolated = isolates(settings, { id: listing.id, name: listing.name });
  let network: NetworkEnforcement | undefined;
  if (isolated) {
    try {
      network = networkEnforcement(permissions, { isolation: settings.network });
    } catch (error) {
      network = { state: 'unenforced', how: `refused to start: ${(error as Error).message}` };
    }
  }
  return enforcementLines(permissions, { isolated, maxHeapMb: settings.maxHeapMb, ...(network ? { network } : {}) });
}
