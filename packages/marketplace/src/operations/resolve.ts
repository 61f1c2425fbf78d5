import { coreRangeOf, isCoreCompatible } from '../candidate/core-compatibility.js';
import type { PackumentVersion, VersionDist } from '../registry/packument.js';
import { registryFor } from '../registry/registry-settings.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';
import { pickVersion } from '../spec/pick-version.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** Options for {@link resolve}. */
export interface ResolveOptions extends MarketplaceOptions {
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
}

/** An exact version to install. */
export interface ResolvedPackage {
  /** The package name. */
  name: string;
  /** The exact version. */
  version: string;
  /** The range or tag asked for, if any. */
  requested?: string;
  /** Tarball URL and integrity. */
  dist: VersionDist;
  /** The version's package.json as the registry serves it. */
  packageJson: PackumentVersion;
  /** Its `@downcity/core` range. */
  coreRange?: string;
  /** Whether that range includes the core checked against. */
  compatible: boolean;
  /** The core version checked against. */
  coreVersion: string;
  /** The registry it comes from. */
  registry: string;
}

/**
 * Resolves `name[@range]` to an exact version and its dist: among the versions the range (or
 * tag; default: stable versions up to `latest`) allows, the newest compatible with the core.
 */
export async function resolve(options: ResolveOptions): Promise<ResolvedPackage> {
  const { client, coreVersion } = await openMarketplace(options);
  const spec = parsePackageSpec(options.spec);
  const packument = await client.packument(spec.name);
  const packageJson = pickVersion({ packument, range: spec.range, coreVersion });
  const coreRange = coreRangeOf(packageJson);
  return {
    name: spec.name,
    version: packageJson.version,
    requested: spec.range,
    dist: packageJson.dist,
    packageJson,
    coreRange,
    compatible: isCoreCompatible(coreRange, coreVersion),
    coreVersion,
    registry: registryFor(client.settings, spec.name),
  };
}
