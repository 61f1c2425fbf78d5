import { validatePackageManifest, type Manifest, type Permissions, type PointKind } from '@downcity/core';
import { isChannelDefinition, isPackageDefinition } from './definition-guards.js';
import { importModule } from './import-module.js';
import type { ResolvedPackage } from './resolve-packages.js';

/** What `downcity plugins list` shows about one `use` entry, from its manifest. */
export interface PackageListing {
  /** The `use` entry. */
  specifier: string;
  /** `service`, `plugin` or `channel`. */
  kind: 'service' | 'plugin' | 'channel';
  /** npm name (the specifier for local files). */
  name: string;
  /** Version. */
  version: string;
  /** Whether it is a file of the project. */
  local: boolean;
  /** The manifest id (services and plugins). */
  id?: string;
  /** Services it needs, by id, with ranges. */
  requires: Record<string, string>;
  /** Extension points a service declares. */
  declares: { name: string; kind: PointKind; description: string }[];
  /** Points it attaches to. */
  attaches: { name: string; kind: PointKind; optional: boolean }[];
  /** Actions it provides. */
  actions: { name: string; description: string; tool: boolean }[];
  /** Permissions from the manifest (channels have none declared). */
  permissions?: Permissions;
}

function fromManifest(base: Pick<PackageListing, 'specifier' | 'name' | 'version' | 'local'>, manifest: Manifest): PackageListing {
  return {
    ...base,
    kind: manifest.kind,
    id: manifest.id,
    requires: manifest.requires,
    declares:
      manifest.kind === 'service'
        ? Object.entries(manifest.extensionPoints).map(([name, point]) => ({ name, kind: point.kind, description: point.description }))
        : [],
    attaches: Object.entries(manifest.attaches).map(([name, attachment]) => ({ name, kind: attachment.kind, optional: attachment.optional ?? false })),
    actions: Object.entries(manifest.actions).map(([name, action]) => ({ name, description: action.description, tool: action.tool })),
    permissions: manifest.permissions,
  };
}

/**
 * Describes each `use` entry from its package.json manifest, without running package code and
 * without an agent. Local files (the project's own code) are imported to read their definition.
 */
export async function inspectPackages(resolved: readonly ResolvedPackage[]): Promise<PackageListing[]> {
  const listings: PackageListing[] = [];
  for (const entry of resolved) {
    if (!entry.local) {
      const base = { specifier: entry.specifier, name: entry.name, version: entry.version, local: false };
      if (entry.manifest) listings.push(fromManifest(base, entry.manifest));
      else listings.push({ ...base, kind: 'channel', requires: { chat: '*' }, declares: [], attaches: [], actions: [] });
      continue;
    }
    const module = await importModule(entry.entry);
    const definition = [module.default, ...Object.values(module)].find(isPackageDefinition);
    const base = { specifier: entry.specifier, local: true };
    if (definition) {
      const { manifest, name, version } = validatePackageManifest(definition.package);
      listings.push(fromManifest({ ...base, name, version }, manifest));
    } else {
      const channel = [module.default, ...Object.values(module)].find(isChannelDefinition);
      listings.push({ ...base, kind: 'channel', name: entry.specifier, version: '0.0.0', ...(channel ? { id: channel.id } : {}), requires: { chat: '*' }, declares: [], attaches: [], actions: [] });
    }
  }
  return listings;
}
