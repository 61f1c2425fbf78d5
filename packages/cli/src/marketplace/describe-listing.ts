import { permissionLines, type PackageListing } from '@downcity/marketplace';
import { oneLine } from '../cli/format.js';

/** The permissions in one short cell: `none`, or what it asks for (`network: api.x; secrets: TOKEN`). */
export function permissionsCell(listing: Pick<PackageListing, 'kind' | 'permissions' | 'manifestValid'>): string {
  if (listing.kind === 'channel') return 'n/a (channel)';
  const summary = listing.permissions;
  if (!summary) return listing.manifestValid ? 'none' : 'invalid manifest';
  if (!summary.sensitive) return 'none';
  const permissions = summary.permissions;
  const parts = [
    permissions.network === true ? 'network: any host' : Array.isArray(permissions.network) && permissions.network.length > 0 ? `network: ${permissions.network.join(', ')}` : '',
    permissions.exec ? 'runs programs' : '',
    permissions.filesystem !== 'none' ? `files: ${permissions.filesystem}` : '',
    permissions.secrets.length > 0 ? `secrets: ${permissions.secrets.join(', ')}` : '',
    permissions.logs ? 'reads logs' : '',
    permissions.uses.length > 0 ? `invokes: ${permissions.uses.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** The extension points in one short cell, e.g. `chat/before-reply (pipeline)`. */
export function pointsCell(listing: Pick<PackageListing, 'kind' | 'extensionPoints'>): string {
  if (listing.kind === 'channel') return 'chat channel';
  if (listing.extensionPoints.length === 0) return '-';
  return listing.extensionPoints.map((point) => `${point.role === 'declares' ? 'declares ' : ''}${point.point} (${point.kind})`).join(', ');
}

/** Whether it works with the project's core, in one short cell. */
export function compatibilityCell(listing: Pick<PackageListing, 'compatible' | 'coreRange' | 'version'> & { compatibleVersion?: string }): string {
  if (listing.compatible) return 'yes';
  const needs = listing.coreRange ? `needs core ${listing.coreRange}` : 'no core range';
  if (listing.compatibleVersion && listing.compatibleVersion !== listing.version) return `no (${needs}); ${listing.compatibleVersion} is`;
  return `no (${needs})`;
}

/** A package described in lines: what it is, its points, what it requires and asks for, and its core range. */
export function listingLines(listing: PackageListing): string[] {
  const kind = listing.kind === 'channel' ? 'chat channel' : `${listing.kind ?? 'package'}${listing.id ? ` "${listing.id}"` : ''}`;
  const requires = Object.entries(listing.requires).map(([id, range]) => `${id} ${range}`);
  return [
    `${listing.name}@${listing.version}  ${kind}${listing.displayName ? ` (${listing.displayName})` : ''}`,
    ...(listing.description ? [`  ${oneLine(listing.description, 100)}`] : []),
    ...listing.extensionPoints.map((point) => `  ${point.role} ${point.point} (${point.kind})`),
    ...(requires.length > 0 ? [`  requires ${requires.join(', ')}`] : []),
    ...permissionLines(listing, listing.permissions).map((line, index) => `  ${index === 0 ? 'permissions ' : '            '}${line}`),
    `  @downcity/core ${listing.coreRange ?? '(no range)'}: ${listing.compatible ? `compatible with ${listing.coreVersion}` : `not compatible with ${listing.coreVersion}`}`,
    ...(listing.manifestValid ? [] : listing.manifestProblems.map((problem) => `  ✗ ${problem}`)),
    ...(listing.deprecated ? [`  deprecated: ${listing.deprecated}`] : []),
  ];
}
