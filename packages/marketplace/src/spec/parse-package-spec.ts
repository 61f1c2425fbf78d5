import { ErrorCodes } from '@downcity/core';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';

/** A registry package spec split into name and optional range or dist-tag. */
export interface PackageSpec {
  /** The package name, e.g. `@acme/downcity-weather`. */
  name: string;
  /** The semver range or dist-tag after `@`, if one was given. */
  range?: string;
}

const NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** Whether `name` is a valid npm package name. */
export function isPackageName(name: string): boolean {
  return name.length <= 214 && NAME.test(name);
}

/**
 * Splits `name[@range]` (`@acme/weather@^1.2.0`, `weather@next`, `weather`). Only registry
 * packages are accepted: local paths, URLs and git specs are refused with a clear error.
 */
export function parsePackageSpec(spec: string): PackageSpec {
  const trimmed = spec.trim();
  const at = trimmed.indexOf('@', trimmed.startsWith('@') ? 1 : 0);
  const name = at === -1 ? trimmed : trimmed.slice(0, at);
  const range = at === -1 ? undefined : trimmed.slice(at + 1).trim();
  if (!isPackageName(name) || range === '') {
    throw marketplaceError(
      ErrorCodes.INPUT_INVALID,
      `"${spec}" is not a registry package. Use a package name with an optional version, range or tag, e.g. "@acme/downcity-weather@^1.2.0". Local plugins go in the config's use array as "./src/plugins/name.ts".`,
      { reason: FailureReasons.notFound, details: { spec } },
    );
  }
  return range === undefined ? { name } : { name, range };
}
