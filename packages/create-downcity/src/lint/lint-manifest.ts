import { lintPackage, type LintReport } from '@downcity/marketplace';
import { downcityVersions } from '../versions.js';

/** Options for {@link lintManifest}. */
export interface LintManifestOptions {
  /** The `@downcity/core` version the peer range must accept. Default: the core released with this create-downcity. */
  coreVersion?: string;
  /** Import the built entry: it must load as the manifest's definition, and its zod config must match the manifest's JSON Schema. Default `true`. */
  checkConfigSchema?: boolean;
}

/** The result of {@link lintManifest}: `@downcity/marketplace`'s lint report, plus `packageName` as earlier versions named it. */
export interface ManifestLintReport extends LintReport {
  /** The package name, when package.json could be read (the same as `name`). */
  packageName?: string;
}

/**
 * Lints a Downcity plugin, service or channel package before it is published. A thin wrapper over
 * `lintPackage` from `@downcity/marketplace`, the one manifest lint (`downcity plugins lint` runs
 * it too), checking against the core released with this create-downcity. Never throws for a broken
 * package: every finding has a stable code and a message saying how to fix it.
 *
 * @param packageDirectory - the folder holding the package.json
 * @param options - the core version to check against, and whether to import the entry
 *
 * @example
 * ```ts
 * const report = await lintManifest('./downcity-plugin-weather');
 * if (!report.ok) for (const problem of report.problems) console.error(`${problem.code}: ${problem.message}`);
 * ```
 */
export async function lintManifest(packageDirectory: string, options: LintManifestOptions = {}): Promise<ManifestLintReport> {
  const report = await lintPackage({ dir: packageDirectory, coreVersion: options.coreVersion ?? downcityVersions['@downcity/core'], loadEntry: options.checkConfigSchema });
  return report.name === undefined ? report : { ...report, packageName: report.name };
}
