import { DowncityError, validatePackageManifest, type Manifest, type PointKind } from '@downcity/core';
import type { PackumentVersion } from '../registry/packument.js';
import { coreRangeOf, isCoreCompatible } from './core-compatibility.js';
import { summarizePermissions, type PermissionSummary } from './summarize-permissions.js';

/** The marketplace keywords: a plugin carries `downcity-plugin`, a service `downcity-service`. */
export const MARKETPLACE_KEYWORDS = ['downcity-plugin', 'downcity-service'] as const;

/** An extension point a package declares (services) or attaches to. */
export interface ExtensionPointUse {
  /** The point name, e.g. `chat/authorize`. */
  point: string;
  /** Its kind. */
  kind: PointKind;
  /** `declares` for a service's own points, `attaches` for handlers on others' points. */
  role: 'declares' | 'attaches';
}

/** A published version as the marketplace shows it. */
export interface PackageListing {
  /** The package name. */
  name: string;
  /** The version described. */
  version: string;
  /** Its description. */
  description?: string;
  /** Its keywords. */
  keywords: string[];
  /** `plugin` or `service`, from the manifest. */
  kind?: Manifest['kind'];
  /** The manifest id, e.g. `auth`. */
  id?: string;
  /** The manifest's display name. */
  displayName?: string;
  /** Extension points it declares or attaches to. */
  extensionPoints: ExtensionPointUse[];
  /** Services it requires, by id, with ranges. */
  requires: Record<string, string>;
  /** The permissions it asks for (absent when the manifest is invalid). */
  permissions?: PermissionSummary;
  /** Its `@downcity/core` peer range. */
  coreRange?: string;
  /** The core version compatibility was checked against. */
  coreVersion: string;
  /** Whether `coreVersion` satisfies `coreRange`. */
  compatible: boolean;
  /** Whether the `downcity` manifest is valid. */
  manifestValid: boolean;
  /** Why the manifest is invalid (field by field), empty when valid. */
  manifestProblems: string[];
  /** The deprecation message, if deprecated. */
  deprecated?: string;
  /** The validated manifest, when valid. */
  manifest?: Manifest;
}

/** What validating a version's manifest gave. */
export type ManifestCheck = { manifest: Manifest; problems: [] } | { manifest?: undefined; problems: string[] };

/** Validates a version's `downcity` manifest without throwing. */
export function checkManifest(version: Pick<PackumentVersion, 'name' | 'version' | 'downcity' | 'keywords' | 'peerDependencies'>): ManifestCheck {
  try {
    return { manifest: validatePackageManifest(version).manifest, problems: [] };
  } catch (error) {
    if (!DowncityError.is(error)) throw error;
    const fields = error.details.problems;
    if (Array.isArray(fields) && fields.length > 0) {
      return { problems: fields.map((problem: { path: string; message: string }) => `${problem.path}: ${problem.message}`) };
    }
    return { problems: [error.message] };
  }
}

function pointsOf(manifest: Manifest): ExtensionPointUse[] {
  const declared = manifest.kind === 'service' ? Object.entries(manifest.extensionPoints).map(([point, spec]) => ({ point, kind: spec.kind, role: 'declares' as const })) : [];
  const attached = Object.entries(manifest.attaches).map(([point, spec]) => ({ point, kind: spec.kind, role: 'attaches' as const }));
  return [...declared, ...attached];
}

/** Describes a published version for search results, info and confirmation prompts. */
export function describeVersion(version: PackumentVersion, coreVersion: string): PackageListing {
  const { manifest, problems } = checkManifest(version);
  const coreRange = coreRangeOf(version);
  return {
    name: version.name,
    version: version.version,
    description: version.description,
    keywords: version.keywords ?? [],
    kind: manifest?.kind,
    id: manifest?.id,
    displayName: manifest?.displayName,
    extensionPoints: manifest ? pointsOf(manifest) : [],
    requires: manifest?.requires ?? {},
    permissions: manifest ? summarizePermissions(manifest.permissions) : undefined,
    coreRange,
    coreVersion,
    compatible: isCoreCompatible(coreRange, coreVersion),
    manifestValid: manifest !== undefined,
    manifestProblems: problems,
    deprecated: version.deprecated,
    manifest,
  };
}
