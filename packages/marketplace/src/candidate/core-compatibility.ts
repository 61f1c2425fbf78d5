import semver from 'semver';
import type { PackumentVersion } from '../registry/packument.js';

/** The name of the core package every Downcity plugin and service peers on. */
export const CORE_PACKAGE = '@downcity/core';

/** The `@downcity/core` range a version declares (peer dependency, else dependency). */
export function coreRangeOf(version: Pick<PackumentVersion, 'peerDependencies' | 'dependencies'>): string | undefined {
  return version.peerDependencies?.[CORE_PACKAGE] ?? version.dependencies?.[CORE_PACKAGE];
}

/** Whether `coreVersion` satisfies `range`. A missing or invalid range is never compatible. */
export function isCoreCompatible(range: string | undefined, coreVersion: string): boolean {
  if (!range || !semver.validRange(range)) return false;
  return semver.satisfies(coreVersion, range, { includePrerelease: true });
}
