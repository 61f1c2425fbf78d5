import semver from 'semver';
import { ManifestLintCodes, type ManifestLintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './package-json.js';

/**
 * Checks the `@downcity/core` peer range (present, valid, satisfied by `coreVersion`) and the manifest's
 * `requires` ranges (valid).
 *
 * @param pkg - the package.json
 * @param coreVersion - the core version the range must accept
 */
export function checkRanges(pkg: LintedPackageJson, coreVersion: string): ManifestLintProblem[] {
  const problems: ManifestLintProblem[] = [];
  const field = 'peerDependencies.@downcity/core';
  const range = pkg.peerDependencies?.['@downcity/core'];
  if (typeof range !== 'string' || range.trim() === '') {
    problems.push({
      code: ManifestLintCodes.CORE_PEER_MISSING,
      field,
      message: `package.json has no peer dependency on @downcity/core, so agents cannot tell which core it works with. Add "peerDependencies": { "@downcity/core": "^${coreVersion}" }.`,
    });
  } else if (semver.validRange(range) === null) {
    problems.push({ code: ManifestLintCodes.CORE_RANGE_INVALID, field, message: `The @downcity/core peer range "${range}" is not a valid semver range. Use e.g. "^${coreVersion}".` });
  } else if (!semver.satisfies(coreVersion, range)) {
    problems.push({
      code: ManifestLintCodes.CORE_RANGE_INCOMPATIBLE,
      field,
      message: `The @downcity/core peer range "${range}" does not accept the current core ${coreVersion}, so agents on it will refuse the plugin. Widen it (e.g. "^${coreVersion}") after testing against ${coreVersion}.`,
    });
  }
  const manifest = pkg.downcity as { requires?: unknown } | undefined;
  if (manifest?.requires && typeof manifest.requires === 'object') {
    for (const [service, required] of Object.entries(manifest.requires as Record<string, unknown>)) {
      if (typeof required === 'string' && semver.validRange(required) !== null) continue;
      problems.push({
        code: ManifestLintCodes.REQUIRES_RANGE_INVALID,
        field: `downcity.requires.${service}`,
        message: `downcity.requires.${service} is ${JSON.stringify(required)}, not a valid semver range. Use e.g. "^0.1.0".`,
      });
    }
  }
  return problems;
}
