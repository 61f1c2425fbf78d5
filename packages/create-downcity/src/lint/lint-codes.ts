/** Stable codes of the problems {@link lintManifest} reports; match on these, never on messages. */
export const ManifestLintCodes = {
  /** package.json is missing or not valid JSON. */
  PACKAGE_JSON_UNREADABLE: 'PACKAGE_JSON_UNREADABLE',
  /** package.json has no `downcity` field. */
  MANIFEST_MISSING: 'MANIFEST_MISSING',
  /** The `downcity` field does not validate against core's ManifestSchema. */
  MANIFEST_INVALID: 'MANIFEST_INVALID',
  /** `keywords` lacks `downcity-plugin` (or `downcity-service`), so registry searches will not find it. */
  KEYWORD_MISSING: 'KEYWORD_MISSING',
  /** No `peerDependencies["@downcity/core"]`. */
  CORE_PEER_MISSING: 'CORE_PEER_MISSING',
  /** The `@downcity/core` peer range is not a valid semver range. */
  CORE_RANGE_INVALID: 'CORE_RANGE_INVALID',
  /** The current `@downcity/core` does not satisfy the peer range. */
  CORE_RANGE_INCOMPATIBLE: 'CORE_RANGE_INCOMPATIBLE',
  /** An attachment names a first-party extension point with a kind other than the one its service declares. */
  ATTACH_KIND_MISMATCH: 'ATTACH_KIND_MISMATCH',
  /** A `requires` entry is not a valid semver range. */
  REQUIRES_RANGE_INVALID: 'REQUIRES_RANGE_INVALID',
  /** No `exports` map (or no `"."` entry in it). */
  EXPORTS_MISSING: 'EXPORTS_MISSING',
  /** No `files` list, so the published tarball would hold everything (or nothing useful). */
  FILES_MISSING: 'FILES_MISSING',
  /** No README next to package.json. */
  README_MISSING: 'README_MISSING',
  /** The `exports["."]` entry file does not exist (not built yet). */
  ENTRY_MISSING: 'ENTRY_MISSING',
  /** Importing the entry failed, or it has no default-exported definition. */
  ENTRY_INVALID: 'ENTRY_INVALID',
  /** The definition has a config schema but the manifest has no `config` JSON Schema. */
  CONFIG_SCHEMA_MISSING: 'CONFIG_SCHEMA_MISSING',
  /** The manifest's `config` JSON Schema differs from the one generated from the definition's zod schema. */
  CONFIG_SCHEMA_MISMATCH: 'CONFIG_SCHEMA_MISMATCH',
} as const;

/** One of {@link ManifestLintCodes}. */
export type ManifestLintCode = (typeof ManifestLintCodes)[keyof typeof ManifestLintCodes];

/** One problem the lint found. */
export interface ManifestLintProblem {
  /** The stable code. */
  code: ManifestLintCode;
  /** What is wrong and how to fix it. */
  message: string;
  /** The package.json field concerned, e.g. `peerDependencies.@downcity/core`. */
  field?: string;
}

/** The result of {@link lintManifest}. */
export interface ManifestLintReport {
  /** The package folder, absolute. */
  directory: string;
  /** The package name, when package.json could be read. */
  packageName?: string;
  /** The `@downcity/core` version the peer range was checked against. */
  coreVersion: string;
  /** Whether no problem was found. */
  ok: boolean;
  /** Every problem found, in check order. */
  problems: ManifestLintProblem[];
}
