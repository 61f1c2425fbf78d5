import type { PackageListing } from './describe-version.js';
import type { PermissionSummary } from './summarize-permissions.js';

/**
 * The permission lines to show before an install, on a terminal (`downcity plugins add`) or in the console's
 * confirmation dialog: the summary's lines; a chat channel declares none (it runs inside the chat service); an
 * invalid manifest's are unknown.
 */
export function permissionLines(listing: Pick<PackageListing, 'kind'>, permissions: PermissionSummary | undefined): string[] {
  if (listing.kind === 'channel') return ['none declared: a channel runs inside the chat service and talks to its platform with the settings you give it'];
  return permissions?.lines ?? ['unknown (the manifest is invalid)'];
}
