import semver from 'semver';
import type { WorkspacePackage } from './list-workspace-packages.js';

/** Options for {@link checkPublishedPackages}. */
export interface CheckPublishedPackagesOptions {
  /** The registry URL. */
  registry: string;
  /** A token for the registry. */
  token: string;
  /** The packages that were published, with their workspace versions. */
  packages: WorkspacePackage[];
}

/** A published package and the ranges it declares on other workspace packages. */
export interface PublishedRanges {
  /** The package name. */
  name: string;
  /** The published version. */
  version: string;
  /** Ranges on workspace packages, by dependency field and name, e.g. `{ peerDependencies: { '@downcity/core': '^0.1.0' } }`. */
  ranges: Record<string, Record<string, string>>;
}

/** The outcome of {@link checkPublishedPackages}. */
export interface PublishedPackagesReport {
  /** Each published package's ranges on its siblings. */
  packages: PublishedRanges[];
  /**
   * What is wrong: a `workspace:` range left in, a range the sibling's version does not satisfy, or
   * missing listing metadata (description, license, repository). Empty when all is well.
   */
  problems: string[];
}

const FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;
const METADATA = ['description', 'license', 'repository'] as const;

/**
 * Reads each published package.json back from the registry and checks that its ranges on other
 * workspace packages are real semver ranges (no `workspace:` left) that the sibling's version
 * satisfies, and that it carries the metadata a registry listing shows.
 */
export async function checkPublishedPackages(options: CheckPublishedPackagesOptions): Promise<PublishedPackagesReport> {
  const versions = new Map(options.packages.map((item) => [item.name, item.version]));
  const report: PublishedPackagesReport = { packages: [], problems: [] };
  for (const item of options.packages) {
    const response = await fetch(new URL(item.name.replace('/', '%2f'), options.registry), {
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
    });
    if (!response.ok) {
      report.problems.push(`${item.name}: not found on the registry (${response.status})`);
      continue;
    }
    const packument = (await response.json()) as { versions: Record<string, Record<string, unknown>> };
    const published = packument.versions[item.version];
    if (!published) {
      report.problems.push(`${item.name}@${item.version}: version not published`);
      continue;
    }
    for (const field of METADATA) if (!published[field]) report.problems.push(`${item.name}@${item.version} has no ${field}`);
    const ranges: PublishedRanges['ranges'] = {};
    for (const field of FIELDS) {
      for (const [name, range] of Object.entries((published[field] ?? {}) as Record<string, string>)) {
        const siblingVersion = versions.get(name);
        if (siblingVersion === undefined) continue;
        (ranges[field] ??= {})[name] = range;
        if (range.startsWith('workspace:')) report.problems.push(`${item.name} ${field}.${name} is still "${range}"`);
        else if (!semver.validRange(range)) report.problems.push(`${item.name} ${field}.${name} is not a semver range: "${range}"`);
        else if (!semver.satisfies(siblingVersion, range)) report.problems.push(`${item.name} ${field}.${name} "${range}" does not include ${name}@${siblingVersion}`);
      }
    }
    report.packages.push({ name: item.name, version: item.version, ranges });
  }
  return report;
}
