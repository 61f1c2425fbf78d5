import { ErrorCodes } from '@downcity/core';
import semver from 'semver';
import { assertCandidate, checkCandidate } from '../candidate/check-candidate.js';
import { checkManifest, type PackageListing } from '../candidate/describe-version.js';
import { widensPermissions } from '../candidate/summarize-permissions.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { changeProject } from '../project/change-project.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import { installedUsePackages } from '../project/installed-use-packages.js';
import { dependsOn, readProject } from '../project/read-project.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';
import { pickVersion } from '../spec/pick-version.js';
import { requireConfirmation, type Confirm } from './confirmation.js';
import { installAndVerify } from './install-and-verify.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** Options for {@link updatePlugin}. */
export interface UpdatePluginOptions extends MarketplaceOptions {
  /** The project folder. */
  projectDir: string;
  /** `name` (newest compatible stable version) or `name@range`. */
  spec: string;
  /** Update without asking even when the new version asks for more permissions. */
  yes?: boolean;
  /** Asked when the new version asks for more permissions than the installed one. */
  confirm?: Confirm;
  /** Use this package manager instead of detecting it. */
  packageManager?: PackageManagerName;
  /** Import the updated package in a child process to check it loads (default true). */
  verifyLoad?: boolean;
}

/** The outcome of {@link updatePlugin}. */
export interface UpdatePluginResult {
  /** The package name. */
  name: string;
  /** The version installed before. */
  from: string;
  /** The version installed now. */
  to: string;
  /** Whether anything changed. */
  updated: boolean;
  /** Why nothing changed, when `updated` is false. */
  reason?: string;
  /** The new version, described (when updated). */
  listing?: PackageListing;
  /** Warnings. */
  warnings: string[];
}

/**
 * Updates an installed package to the newest version (within `spec`'s range) that is compatible
 * with the project's core; newer incompatible versions are skipped and named in `reason`. Asks for
 * confirmation only when the new version wants more permissions. All-or-nothing like {@link addPlugin}.
 */
export async function updatePlugin(options: UpdatePluginOptions): Promise<UpdatePluginResult> {
  const project = await readProject({ projectDir: options.projectDir, packageManager: options.packageManager, coreVersion: options.coreVersion });
  const spec = parsePackageSpec(options.spec);
  const installed = await findInstalledPackage(spec.name, project.dir);
  if (!installed || !dependsOn(project, spec.name)) {
    throw marketplaceError(ErrorCodes.INPUT_INVALID, `${spec.name} is not installed in ${project.dir}. Add it with \`downcity plugins add ${spec.name}\`.`, {
      reason: FailureReasons.notInstalled,
      details: { name: spec.name },
    });
  }
  const from = installed.packageJson.version;
  const { client } = await openMarketplace({ ...options, projectDir: project.dir, coreVersion: project.coreVersion });
  const packument = await client.packument(spec.name);
  const candidate = pickVersion({ packument, range: spec.range, coreVersion: project.coreVersion });
  const check = checkCandidate({ version: candidate, coreVersion: project.coreVersion, installed: await installedUsePackages(project) });
  const newer = Object.keys(packument.versions).filter((version) => semver.valid(version) && semver.gt(version, from) && !semver.prerelease(version));
  if (!check.listing.compatible || semver.lte(candidate.version, from)) {
    const reason =
      newer.length > 0
        ? `${from} is the newest version compatible with @downcity/core ${project.coreVersion}${spec.range ? ` in "${spec.range}"` : ''}; skipped ${newer.sort(semver.rcompare).join(', ')}`
        : `${from} is already the newest version`;
    return { name: spec.name, from, to: from, updated: false, reason, warnings: [] };
  }
  assertCandidate(check);
  const previous = checkManifest(installed.packageJson).manifest;
  const next = check.listing.manifest;
  // Channels declare no permissions, so there is nothing wider to confirm.
  if (check.listing.kind !== 'channel' && (!previous || (next && widensPermissions(previous.permissions, next.permissions)))) {
    await requireConfirmation({
      yes: options.yes,
      confirm: options.confirm,
      request: { action: 'update', name: spec.name, version: candidate.version, fromVersion: from, listing: check.listing, permissions: check.listing.permissions, warnings: check.warnings },
    });
  }
  const settings = client.settings;
  return changeProject({
    project,
    settings,
    run: async () => {
      await installAndVerify({ project, settings, name: spec.name, version: candidate.version, verifyLoad: options.verifyLoad, installScripts: check.listing.permissions?.permissions.exec === true });
      return { name: spec.name, from, to: candidate.version, updated: true, listing: check.listing, warnings: check.warnings };
    },
  });
}
