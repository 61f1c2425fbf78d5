import { writeFile } from 'node:fs/promises';
import { ErrorCodes } from '@downcity/core';
import { checkManifest } from '../candidate/describe-version.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { changeProject } from '../project/change-project.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import { installedUsePackages } from '../project/installed-use-packages.js';
import { dependsOn, readProject, useEntries } from '../project/read-project.js';
import { runPackageManager } from '../project/run-package-manager.js';
import { removeUseEntry } from '../project/use-array.js';
import { resolveRegistrySettings, type RegistryOptions } from '../registry/registry-settings.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';

/** Options for {@link removePlugin}. */
export interface RemovePluginOptions extends Pick<RegistryOptions, 'env' | 'registry' | 'token'> {
  /** The project folder. */
  projectDir: string;
  /** The package name. */
  name: string;
  /** Use this package manager instead of detecting it. */
  packageManager?: PackageManagerName;
}

/** The outcome of {@link removePlugin}. */
export interface RemovePluginResult {
  /** The package name. */
  name: string;
  /** Whether it was removed from the config's `use`. */
  removedFromConfig: boolean;
  /** Whether the package manager uninstalled it. */
  uninstalled: boolean;
  /** Warnings, e.g. packages in `use` that require the removed service. */
  warnings: string[];
}

/**
 * Removes a package: uninstalls it with the project's package manager and takes it out of the
 * config's `use` (keeping the rest of the file as it was). All-or-nothing like {@link addPlugin}.
 */
export async function removePlugin(options: RemovePluginOptions): Promise<RemovePluginResult> {
  const project = await readProject({ projectDir: options.projectDir, packageManager: options.packageManager });
  const { name } = parsePackageSpec(options.name);
  const inConfig = useEntries(project).includes(name);
  const inDependencies = dependsOn(project, name);
  if (!inConfig && !inDependencies) {
    throw marketplaceError(ErrorCodes.INPUT_INVALID, `${name} is neither a dependency in package.json nor in the config's use; there is nothing to remove.`, {
      reason: FailureReasons.notInstalled,
      details: { name },
    });
  }
  const warnings: string[] = [];
  if (!inConfig && project.configFile && !project.useArray?.found) warnings.push(`Could not read the use array of ${project.configFile}; remove ${name} from it by hand if it is there.`);
  const installed = await findInstalledPackage(name, project.dir);
  const id = installed ? checkManifest(installed.packageJson).manifest?.id : undefined;
  if (id) {
    for (const other of await installedUsePackages(project)) {
      if (other.name !== name && other.requires?.[id]) warnings.push(`${other.name} requires the "${id}" service that ${name} provides; it will not start without it.`);
    }
  }
  const settings = await resolveRegistrySettings({ ...options, projectDir: project.dir });
  return changeProject({
    project,
    settings,
    run: async () => {
      if (inDependencies) await runPackageManager({ project, settings, action: { kind: 'remove', name } });
      if (inConfig && project.configFile && project.configText !== undefined && project.useArray?.found) {
        await writeFile(project.configFile, removeUseEntry(project.configText, project.useArray.array, name));
      }
      return { name, removedFromConfig: inConfig, uninstalled: inDependencies, warnings };
    },
  });
}
