/**
 * Stable codes of the problems `lintPackage` reports; match on these, never on messages.
 * New codes may be added; a code never changes meaning once released.
 */
export const LintCodes = {
  /** package.json is missing or not valid JSON. */
  PACKAGE_JSON_UNREADABLE: 'PACKAGE_JSON_UNREADABLE',
  /** `name` is not a valid npm package name. */
  NAME_INVALID: 'NAME_INVALID',
  /** `version` is not a semver version. */
  VERSION_INVALID: 'VERSION_INVALID',
  /** `"private": true`, so npm refuses to publish it. */
  PACKAGE_PRIVATE: 'PACKAGE_PRIVATE',
  /** package.json has no `downcity` field (and is not a channel package). */
  MANIFEST_MISSING: 'MANIFEST_MISSING',
  /** The `downcity` field does not validate against core's ManifestSchema. */
  MANIFEST_INVALID: 'MANIFEST_INVALID',
  /** An attachment names a first-party extension point with a kind other than the one its service declares. */
  ATTACH_KIND_MISMATCH: 'ATTACH_KIND_MISMATCH',
  /** `keywords` lacks `downcity-plugin` (or `downcity-service`, `downcity-channel`), so registry searches will not find it. */
  KEYWORD_MISSING: 'KEYWORD_MISSING',
  /** `keywords` carries the marketplace keyword of another kind. */
  KEYWORD_CONFLICT: 'KEYWORD_CONFLICT',
  /** No `peerDependencies["@downcity/core"]`. */
  CORE_PEER_MISSING: 'CORE_PEER_MISSING',
  /** `@downcity/core` is a regular dependency, so the plugin would get its own copy of core. */
  CORE_IN_DEPENDENCIES: 'CORE_IN_DEPENDENCIES',
  /** The `@downcity/core` peer range uses `workspace:`, `file:` or `link:` (a warning: `pnpm publish` rewrites `workspace:`). */
  CORE_RANGE_LOCAL: 'CORE_RANGE_LOCAL',
  /** The `@downcity/core` peer range is not a valid semver range. */
  CORE_RANGE_INVALID: 'CORE_RANGE_INVALID',
  /** The current `@downcity/core` does not satisfy the peer range. */
  CORE_RANGE_INCOMPATIBLE: 'CORE_RANGE_INCOMPATIBLE',
  /** A `requires` entry is not a valid semver range. */
  REQUIRES_RANGE_INVALID: 'REQUIRES_RANGE_INVALID',
  /** A channel package has no `@downcity/chat` peer dependency. */
  CHAT_PEER_MISSING: 'CHAT_PEER_MISSING',
  /** No `exports` map with a `"."` entry (nor `main`). */
  EXPORTS_MISSING: 'EXPORTS_MISSING',
  /** No `files` list, so the published tarball would hold everything in the folder. */
  FILES_MISSING: 'FILES_MISSING',
  /** `files` does not include the entry file, so it would not be published. */
  ENTRY_NOT_IN_FILES: 'ENTRY_NOT_IN_FILES',
  /** No README next to package.json. */
  README_MISSING: 'README_MISSING',
  /** The entry file does not exist (not built yet). */
  ENTRY_MISSING: 'ENTRY_MISSING',
  /** Importing the entry failed, or its default export is not a definition of the manifest's kind and id. */
  ENTRY_INVALID: 'ENTRY_INVALID',
  /** The definition has a config schema but the manifest has no `config` JSON Schema. */
  CONFIG_SCHEMA_MISSING: 'CONFIG_SCHEMA_MISSING',
  /** The manifest's `config` JSON Schema differs from the one generated from the definition's zod schema. */
  CONFIG_SCHEMA_MISMATCH: 'CONFIG_SCHEMA_MISMATCH',
  /** No `description` (a warning: search results show it). */
  DESCRIPTION_MISSING: 'DESCRIPTION_MISSING',
  /** No `license` (a warning). */
  LICENSE_MISSING: 'LICENSE_MISSING',
  /** No `repository` (a warning: users read the source before installing). */
  REPOSITORY_MISSING: 'REPOSITORY_MISSING',
} as const;

/** One of {@link LintCodes}. */
export type LintCode = (typeof LintCodes)[keyof typeof LintCodes];

/** One lint finding. */
export interface LintProblem {
  /** The stable code. */
  code: LintCode;
  /** An `error` blocks publishing; a `warning` is advice. */
  severity: 'error' | 'warning';
  /** The package.json field concerned, e.g. `peerDependencies.@downcity/core` or `downcity.attaches`. */
  field?: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** The outcome of `lintPackage`. */
export interface LintReport {
  /** The package folder, absolute. */
  directory: string;
  /** The package name, when readable. */
  name?: string;
  /** The version, when readable. */
  version?: string;
  /** `plugin` or `service` (from the manifest) or `channel` (from the `downcity-channel` keyword), when known. */
  kind?: 'plugin' | 'service' | 'channel';
  /** The `@downcity/core` version the peer range was checked against. */
  coreVersion: string;
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Every finding, in check order. */
  problems: LintProblem[];
}

/** An error-severity problem. */
export const lintError = (code: LintCode, message: string, field?: string): LintProblem => ({ code, severity: 'error', ...(field === undefined ? {} : { field }), message });

/** A warning-severity problem. */
export const lintWarning = (code: LintCode, message: string, field?: string): LintProblem => ({ code, severity: 'warning', ...(field === undefined ? {} : { field }), message });
