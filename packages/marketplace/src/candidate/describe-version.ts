import { DowncityError, validatePackageManifest, type Manifest, type PointKind } from '@downcity/core';
import type { PackumentVersion } from '../registry/packument.js';
import { coreRangeOf, isCoreCompatible } from './core-compatibility.js';
import { CHAT_PACKAGE, isChannelPackage, type DowncityPackageKind } from './package-kind.js';
import { summarizePermissions, type PermissionSummary } from './summarize-permissions.js';

/** The marketplace keywords: a plugin carries `downcity-plugin`, a service `downcity-service`, a chat channel `downcity-channel`. */
export const MARKETPLACE_KEYWORDS = ['downcity-plugin', 'downcity-service', 'downcity-channel'] as const;

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
  /** `plugin` or `service` from the manifest, or `channel` from the `downcity-channel` keyword (channels have no manifest). */
  kind?: DowncityPackageKind;
  /** The manifest id, e.g. `auth`. */
  id?: string;
  /** The manifest's display name. */
  displayName?: string;
  /** Extension points it declares or attaches to. */
  extensionPoints: ExtensionPointUse[];
  /** Services it requires, by id, with ranges (a channel: `chat`, from its `@downcity/chat` peer). */
  requires: Record<string, string>;
  /** The permissions it asks for (absent when the manifest is invalid, and for channels, which declare none). */
  permissions?: PermissionSummary;
  /** Its `@downcity/core` peer range. */
  coreRange?: string;
  /** The core version compatibility was checked against. */
  coreVersion: string;
  /** Whether `coreVersion` satisfies `coreRange`. */
  compatible: boolean;
  /** Whether the `downcity` manifest is valid (a channel needs none, so it is always true for channels). */
  manifestValid: boolean;
  /** Why the manifest is invalid (field by field), empty when valid. */
  manifestProblems: string[];
  /** The deprecation message, if deprecated. */
  deprecated?: string;
  /** The validated manifest, when valid. */
  manifest?: Manifest;
}

/** One invalid manifest field: its path (e.g. `downcity.attaches.chat/inbound.kind`) and what is wrong. */
export interface ManifestFieldProblem {
  /** The field path, from `downcity`; absent when the problem is not about one field. */
  path?: string;
  /** What is wrong. */
  message: string;
}

/** What validating a version's manifest gave: the manifest, or each problem (as `path: message` lines and as fields). */
export type ManifestCheck =
  | { manifest: Manifest; problems: []; fields: [] }
  | { manifest?: undefined; problems: string[]; fields: ManifestFieldProblem[] };

/** Validates a version's `downcity` manifest without throwing. */
export function checkManifest(version: Pick<PackumentVersion, 'name' | 'version' | 'downcity' | 'keywords' | 'peerDependencies'>): ManifestCheck {
  try {
    return { manifest: validatePackageManifest(version).manifest, problems: [], fields: [] };
  } catch (error) {
    if (!DowncityError.is(error)) throw error;
    const details = error.details.problems;
    const fields: ManifestFieldProblem[] =
      Array.isArray(details) && details.length > 0 ? details.map((problem: { path: string; message: string }) => ({ path: problem.path, message: problem.message })) : [{ message: error.message }];
    return { problems: fields.map((field) => (field.path ? `${field.path}: ${field.message}` : field.message)), fields };
  }
}

function pointsOf(manifest: Manifest): ExtensionPointUse[] {
  const declared = manifest.kind === 'service' ? Object.entries(manifest.extensionPoints).map(([point, spec]) => ({ point, kind: spec.kind, role: 'declares' as const })) : [];
  const attached = Object.entries(manifest.attaches).map(([point, spec]) => ({ point, kind: spec.kind, role: 'attaches' as const }));
  return [...declared, ...attached];
}

/** Describes a published version for search results, info and confirmation prompts. */
export function describeVersion(version: PackumentVersion, coreVersion: string): PackageListing {
  const coreRange = coreRangeOf(version);
  const common = {
    name: version.name,
    version: version.version,
    description: version.description,
    keywords: version.keywords ?? [],
    coreRange,
    coreVersion,
    compatible: isCoreCompatible(coreRange, coreVersion),
    deprecated: version.deprecated,
  };
  if (isChannelPackage(version)) {
    const chatRange = version.peerDependencies?.[CHAT_PACKAGE];
    return { ...common, kind: 'channel', extensionPoints: [], requires: chatRange ? { chat: chatRange } : {}, manifestValid: true, manifestProblems: [] };
  }
  const { manifest, problems } = checkManifest(version);
  return {
    ...common,
    kind: manifest?.kind,
    id: manifest?.id,
    displayName: manifest?.displayName,
    extensionPoints: manifest ? pointsOf(manifest) : [],
    requires: manifest?.requires ?? {},
    permissions: manifest ? summarizePermissions(manifest.permissions) : undefined,
    manifestValid: manifest !== undefined,
    manifestProblems: problems,
    manifest,
  };
}
