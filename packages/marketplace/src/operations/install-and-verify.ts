import { ErrorCodes } from '@downcity/core';
import { checkManifest } from '../candidate/describe-version.js';
import { isChannelPackage } from '../candidate/package-kind.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import type { Project } from '../project/read-project.js';
import { runPackageManager } from '../project/run-package-manager.js';
import type { RegistrySettings } from '../registry/registry-settings.js';
import type { DryRunResult } from '../verify/dry-run-load.js';
import { loadInstalled } from '../verify/load-installed.js';

/** Options for {@link installAndVerify}. */
export interface InstallAndVerifyOptions {
  /** The project. */
  project: Project;
  /** Registry settings for the package manager. */
  settings: RegistrySettings;
  /** The package name. */
  name: string;
  /** The exact version to install. */
  version: string;
  /** Whether to import it in a child process afterwards (default true). */
  verifyLoad?: boolean;
  /**
   * Whether its install scripts may run (default false): they run with the user's full rights, so only for a
   * package whose confirmed permissions include running programs (`exec`).
   */
  installScripts?: boolean;
}

/**
 * Installs an exact version with the project's package manager (install scripts only when allowed), then checks what landed: the
 * version, the manifest (a channel needs none), and (unless disabled) that it loads as a plugin,
 * service or channel definition in a dry run.
 * Throws on any failure; run it inside `changeProject` so a failure is rolled back.
 */
export async function installAndVerify(options: InstallAndVerifyOptions): Promise<DryRunResult | undefined> {
  const { project, name, version } = options;
  await runPackageManager({ project, settings: options.settings, action: { kind: 'add', name, version, scripts: options.installScripts === true } });
  const installed = await findInstalledPackage(name, project.dir);
  if (installed?.packageJson.version !== version) {
    throw marketplaceError(ErrorCodes.INTERNAL, `${project.packageManager.name} ran, but ${name}@${version} is not what is installed (found ${installed?.packageJson.version ?? 'nothing'}).`, {
      reason: FailureReasons.installFailed,
      details: { name, version },
    });
  }
  const channel = isChannelPackage(installed.packageJson);
  const { manifest, problems } = channel ? { manifest: undefined, problems: [] } : checkManifest(installed.packageJson);
  if (!manifest && !channel) {
    throw marketplaceError(ErrorCodes.MANIFEST_INVALID, `The installed ${name}@${version} has an invalid manifest:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`, {
      reason: FailureReasons.manifestInvalid,
      details: { name, version },
    });
  }
  if (options.verifyLoad === false) return undefined;
  const load = await loadInstalled({ projectDir: project.dir, installed, ...(manifest ? { manifest } : {}), env: options.settings.env });
  if (!load.ok) {
    throw marketplaceError(ErrorCodes.MANIFEST_INVALID, `${name}@${version} installed but does not load as a Downcity ${channel ? 'channel' : 'package'}: ${load.problems.join('; ')}.`, {
      reason: FailureReasons.loadFailed,
      details: { name, version, problems: load.problems },
    });
  }
  return load;
}
