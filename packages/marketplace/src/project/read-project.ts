import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { coreVersion as runningCoreVersion, ErrorCodes } from '@downcity/core';
import { CORE_PACKAGE } from '../candidate/core-compatibility.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { detectPackageManager, type DetectedPackageManager, type PackageManagerName } from './detect-package-manager.js';
import { findConfigFile } from './find-config-file.js';
import { findInstalledPackage } from './find-installed-package.js';
import { findUseArray, type FindUseArrayResult } from './use-array.js';

/** The dependency fields of a project's package.json. */
export interface ProjectPackageJson {
  /** The project name. */
  name?: string;
  /** Dependencies. */
  dependencies?: Record<string, string>;
  /** Dev dependencies. */
  devDependencies?: Record<string, string>;
}

/** What the marketplace knows about a Downcity project. */
export interface Project {
  /** The project folder, absolute. */
  dir: string;
  /** Its package.json path. */
  packageJsonFile: string;
  /** Its package.json. */
  packageJson: ProjectPackageJson;
  /** Its downcity.config file, if any. */
  configFile?: string;
  /** The config file's text. */
  configText?: string;
  /** The config's `use` array, or why it was not found. */
  useArray?: FindUseArrayResult;
  /** Its package manager and lockfile. */
  packageManager: DetectedPackageManager;
  /** The `@downcity/core` version compatibility is checked against. */
  coreVersion: string;
  /** Whether that version is the project's installed core (else the core running this code). */
  coreInstalled: boolean;
}

/** Options for {@link readProject}. */
export interface ReadProjectOptions {
  /** The project folder. */
  projectDir: string;
  /** Use this package manager instead of detecting it. */
  packageManager?: PackageManagerName;
  /** Check compatibility against this core version instead of the installed one. */
  coreVersion?: string;
}

/** The `@downcity/core` version installed in the project, if it is installed. */
export async function installedCoreVersion(projectDir: string): Promise<string | undefined> {
  return (await findInstalledPackage(CORE_PACKAGE, projectDir))?.packageJson.version;
}

/** Reads a project's package.json, config file, `use` array, package manager and core version. Runs no code. */
export async function readProject(options: ReadProjectOptions): Promise<Project> {
  const dir = path.resolve(options.projectDir);
  const packageJsonFile = path.join(dir, 'package.json');
  let packageJson: ProjectPackageJson;
  try {
    packageJson = JSON.parse(await readFile(packageJsonFile, 'utf8')) as ProjectPackageJson;
  } catch (error) {
    throw marketplaceError(ErrorCodes.CONFIG_INVALID, `No readable package.json in ${dir}. Run this in a Downcity project folder (or pass its folder).`, {
      reason: FailureReasons.projectNotFound,
      cause: error,
      details: { dir },
    });
  }
  const configFile = await findConfigFile(dir);
  const configText = configFile ? await readFile(configFile, 'utf8') : undefined;
  const installed = options.coreVersion ? undefined : await installedCoreVersion(dir);
  return {
    dir,
    packageJsonFile,
    packageJson,
    configFile,
    configText,
    useArray: configText === undefined ? undefined : findUseArray(configText),
    packageManager: await detectPackageManager(dir, options.packageManager),
    coreVersion: options.coreVersion ?? installed ?? runningCoreVersion,
    coreInstalled: options.coreVersion === undefined && installed !== undefined,
  };
}

/** The names listed in the project's `use` array (string literals only). */
export function useEntries(project: Project): string[] {
  if (!project.useArray?.found) return [];
  return project.useArray.array.entries.flatMap((entry) => (entry.value === undefined ? [] : [entry.value]));
}

/** Whether the project's package.json lists `name` as a dependency. */
export function dependsOn(project: Project, name: string): boolean {
  return project.packageJson.dependencies?.[name] !== undefined || project.packageJson.devDependencies?.[name] !== undefined;
}
