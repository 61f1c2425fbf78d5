import semver from 'semver';
import { coreRangeOf, isCoreCompatible } from '../candidate/core-compatibility.js';
import { describeVersion, type PackageListing } from '../candidate/describe-version.js';
import type { PackumentVersion } from '../registry/packument.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';
import { pickVersion } from '../spec/pick-version.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** Options for {@link info}. */
export interface InfoOptions extends MarketplaceOptions {
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
}

/** One published version in {@link PackageDetails}. */
export interface VersionSummary {
  /** The version. */
  version: string;
  /** Its `@downcity/core` range. */
  coreRange?: string;
  /** Whether that range includes the core checked against. */
  compatible: boolean;
  /** When it was published. */
  publishedAt?: string;
  /** Its deprecation message. */
  deprecated?: string;
}

/** Everything `downcity plugins info` shows. */
export interface PackageDetails {
  /** The package name. */
  name: string;
  /** Dist-tags. */
  distTags: Record<string, string>;
  /** Every version, newest first. */
  versions: VersionSummary[];
  /** The version `add` would install for this spec, described. */
  selected: PackageListing;
  /** The homepage. */
  homepage?: string;
  /** The repository URL. */
  repository?: string;
  /** The license. */
  license?: string;
}

/** Describes a package: its versions with compatibility, and the version `add` would pick in full. */
export async function info(options: InfoOptions): Promise<PackageDetails> {
  const { client, coreVersion } = await openMarketplace(options);
  const spec = parsePackageSpec(options.spec);
  const packument = await client.packument(spec.name);
  const selected = pickVersion({ packument, range: spec.range, coreVersion });
  const versions = Object.values(packument.versions)
    .filter((item): item is PackumentVersion => semver.valid(item.version) !== null)
    .sort((a, b) => semver.rcompare(a.version, b.version))
    .map((item) => ({
      version: item.version,
      coreRange: coreRangeOf(item),
      compatible: isCoreCompatible(coreRangeOf(item), coreVersion),
      publishedAt: packument.time?.[item.version],
      deprecated: item.deprecated,
    }));
  const repository = typeof selected.repository === 'string' ? selected.repository : selected.repository?.url;
  return {
    name: packument.name,
    distTags: packument['dist-tags'] ?? {},
    versions,
    selected: describeVersion(selected, coreVersion),
    homepage: selected.homepage,
    repository,
    license: selected.license,
  };
}
