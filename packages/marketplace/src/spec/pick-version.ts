import { ErrorCodes } from '@downcity/core';
import semver from 'semver';
import { coreRangeOf, isCoreCompatible } from '../candidate/core-compatibility.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import type { Packument, PackumentVersion } from '../registry/packument.js';

/** Options for {@link pickVersion}. */
export interface PickVersionOptions {
  /** The package document. */
  packument: Packument;
  /** A range or dist-tag; without one, any stable version up to `latest`. */
  range?: string;
  /** The project's core version: among matching versions the newest compatible one wins. */
  coreVersion: string;
}

function candidatesOf(packument: Packument, range: string | undefined): string[] {
  const all = Object.keys(packument.versions).filter((version) => semver.valid(version));
  const tags: Record<string, string> = packument['dist-tags'] ?? {};
  if (range === undefined) {
    const latest = tags.latest;
    const stable = all.filter((version) => !semver.prerelease(version) && (!latest || semver.lte(version, latest)));
    return stable.length > 0 ? stable : latest ? [latest] : all;
  }
  const tagged = tags[range];
  if (tagged) return [tagged];
  if (!semver.validRange(range)) {
    throw marketplaceError(ErrorCodes.INPUT_INVALID, `"${range}" is neither a version, a semver range nor a dist-tag of ${packument.name}.`, {
      reason: FailureReasons.noMatchingVersion,
      details: { name: packument.name, range },
    });
  }
  return all.filter((version) => semver.satisfies(version, range));
}

/**
 * Picks the version to install: among the versions the range (or tag) allows, the newest whose
 * `@downcity/core` range includes the project's core; if none is compatible, the newest, so the
 * compatibility check can say why it is refused.
 */
export function pickVersion(options: PickVersionOptions): PackumentVersion {
  const { packument, range, coreVersion } = options;
  const candidates = candidatesOf(packument, range)
    .filter((version) => packument.versions[version])
    .sort(semver.rcompare);
  const compatible = candidates.find((version) => isCoreCompatible(coreRangeOf(packument.versions[version] as PackumentVersion), coreVersion));
  const chosen = compatible ?? candidates[0];
  if (chosen === undefined) {
    const known = Object.keys(packument.versions).sort(semver.rcompare).slice(0, 5).join(', ');
    throw marketplaceError(ErrorCodes.INPUT_INVALID, `No version of ${packument.name} matches "${range}". Published: ${known || 'none'}.`, {
      reason: FailureReasons.noMatchingVersion,
      details: { name: packument.name, range },
    });
  }
  return packument.versions[chosen] as PackumentVersion;
}
