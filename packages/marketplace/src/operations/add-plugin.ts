import { writeFile } from 'node:fs/promises';
import { ErrorCodes } from '@downcity/core';
import { assertCandidate, checkCandidate, type CandidateCheck, type CandidateProblem } from '../candidate/check-candidate.js';
import type { PackageListing } from '../candidate/describe-version.js';
import { permissionLines } from '../candidate/permission-lines.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { changeProject } from '../project/change-project.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import { installedUsePackages } from '../project/installed-use-packages.js';
import { dependsOn, readProject, type Project } from '../project/read-project.js';
import { addUseEntry, type UseArray } from '../project/use-array.js';
import { parsePackageSpec } from '../spec/parse-package-spec.js';
import { pickVersion } from '../spec/pick-version.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { registryFor } from '../registry/registry-settings.js';
import type { DryRunResult } from '../verify/dry-run-load.js';
import { requireConfirmation, type Confirm } from './confirmation.js';
import { installAndVerify } from './install-and-verify.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** The steps of an add, for progress output. */
export type AddStep = 'resolving' | 'checking' | 'confirming' | 'installing' | 'configuring';

/** Options for {@link addPlugin}. */
export interface AddPluginOptions extends MarketplaceOptions {
  /** The project folder. */
  projectDir: string;
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
  /** Install without asking (`--yes`). */
  yes?: boolean;
  /** Asks the user to confirm the permissions; without it (and without `yes`) the add is refused. */
  confirm?: Confirm;
  /** Use this package manager instead of detecting it from the lockfile. */
  packageManager?: PackageManagerName;
  /** Import the installed package in a child process to check it loads (default true). */
  verifyLoad?: boolean;
  /** Called as each step starts. */
  onStep?: (step: AddStep) => void;
}

/** The outcome of {@link addPlugin}. */
export interface AddPluginResult {
  /** The package name. */
  name: string;
  /** The exact version installed (pinned in package.json). */
  version: string;
  /** What was installed: kind, id, extension points, permissions. */
  listing: PackageListing;
  /** Warnings (e.g. a required service missing from `use`). */
  warnings: string[];
  /** The package manager used. */
  packageManager: PackageManagerName;
  /** The config file. */
  configFile: string;
  /** Whether the config's `use` array changed (false when the name was already there). */
  configChanged: boolean;
  /** False when that exact version was already installed and in `use`, so nothing was done. */
  changed: boolean;
  /** The files the add wrote (package.json, the lockfile, and the config when `configChanged`), absolute; empty when nothing changed. */
  changedFiles: string[];
  /** The dry-run load result. */
  load?: DryRunResult;
}

/** The config file and its `use` array, or an error telling the user what to add by hand. */
export function requireUseArray(project: Project, name: string): { configFile: string; configText: string; array: UseArray } {
  if (!project.configFile || project.configText === undefined) {
    throw marketplaceError(ErrorCodes.CONFIG_INVALID, `No downcity.config.ts in ${project.dir}. Run \`downcity init\` there (or pass the project folder) before adding ${name}.`, {
      reason: FailureReasons.projectNotFound,
      details: { dir: project.dir },
    });
  }
  if (!project.useArray?.found) {
    const problem = project.useArray?.found === false ? project.useArray.problem : 'it cannot be read';
    throw marketplaceError(
      ErrorCodes.CONFIG_INVALID,
      `Cannot edit ${project.configFile}: ${problem}. Add  use: ['${name}'],  to the object passed to defineConfig (or add '${name}' to your use list) and run the command again. Nothing was installed.`,
      { reason: FailureReasons.useArrayNotFound, details: { configFile: project.configFile, name } },
    );
  }
  return { configFile: project.configFile, configText: project.configText, array: project.useArray.array };
}

function channelHint(name: string, id: string | undefined): string {
  const key = id ?? '<id>';
  return `${name} is a chat channel: it runs once it is configured under services.chat.channels.${key} in downcity.config.ts (see its README for the settings).`;
}

/** Options for {@link previewAdd}. */
export interface PreviewAddOptions extends MarketplaceOptions {
  /** The project folder. */
  projectDir: string;
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
  /** The package manager the add would use (default: detected from the lockfile). */
  packageManager?: PackageManagerName;
}

/** What {@link addPlugin} would do, worked out without changing anything: the version, its checks and permissions. */
export interface AddPreview {
  /** The package name. */
  name: string;
  /** The exact version an add would install. */
  version: string;
  /** That version described: kind, id, extension points, requires, permissions, core range and compatibility. */
  listing: PackageListing;
  /** The lines a person confirms before the install (as `downcity plugins add` prints them). */
  permissionLines: string[];
  /** Whether the checks pass (no problems): the manifest, the keyword and the core range. */
  ok: boolean;
  /** Why an add would be refused; empty when `ok`. */
  problems: CandidateProblem[];
  /** What an add would warn about (a required service missing from `use`, a deprecation). */
  warnings: string[];
  /** The registry's `dist.integrity` of the tarball; the package manager checks the download against it. */
  integrity?: string;
  /** The registry the package comes from. */
  registry: string;
  /** The version installed in the project now, if any. */
  installedVersion?: string;
  /** True when this exact version is installed, a dependency and in `use`: an add would change nothing. */
  alreadyAdded: boolean;
  /** The package manager an add would run. */
  packageManager: PackageManagerName;
  /** The config file whose `use` an add would edit. */
  configFile: string;
}

interface AddPlan {
  project: Project;
  client: RegistryClient;
  check: CandidateCheck;
  configFile: string;
  configText: string;
  nextConfig: string;
  preview: AddPreview;
}

/** Everything an add checks before it asks or writes: the project and its `use` array, the version, the candidate check. */
async function planAdd(options: PreviewAddOptions & Pick<AddPluginOptions, 'onStep'>): Promise<AddPlan> {
  const project = await readProject({ projectDir: options.projectDir, packageManager: options.packageManager, coreVersion: options.coreVersion });
  const spec = parsePackageSpec(options.spec);
  const { configFile, configText, array } = requireUseArray(project, spec.name);
  options.onStep?.('resolving');
  const { client } = await openMarketplace({ ...options, projectDir: project.dir, coreVersion: project.coreVersion });
  const packument = await client.packument(spec.name);
  const version = pickVersion({ packument, range: spec.range, coreVersion: project.coreVersion });
  options.onStep?.('checking');
  const check = checkCandidate({ version, coreVersion: project.coreVersion, installed: await installedUsePackages(project) });
  const nextConfig = addUseEntry(configText, array, spec.name);
  const installedVersion = (await findInstalledPackage(spec.name, project.dir))?.packageJson.version;
  const preview: AddPreview = {
    name: spec.name,
    version: version.version,
    listing: check.listing,
    permissionLines: permissionLines(check.listing, check.listing.permissions),
    ok: check.ok,
    problems: check.problems,
    warnings: check.warnings,
    ...(version.dist.integrity ? { integrity: version.dist.integrity } : {}),
    registry: registryFor(client.settings, spec.name),
    ...(installedVersion ? { installedVersion } : {}),
    alreadyAdded: nextConfig === configText && installedVersion === version.version && dependsOn(project, spec.name),
    packageManager: project.packageManager.name,
    configFile,
  };
  return { project, client, check, configFile, configText, nextConfig, preview };
}

/**
 * Works out what {@link addPlugin} would do for `spec` without asking or writing anything: the version it would pick,
 * that version described, its permission lines, the same checks (problems that would refuse it, warnings) and whether
 * it is already added. Throws what an add throws before its checks: no project, no editable `use` array, an unknown
 * package or version, a registry failure.
 */
export async function previewAdd(options: PreviewAddOptions): Promise<AddPreview> {
  return (await planAdd(options)).preview;
}

/**
 * Adds a plugin, service or chat channel from the registry to a project: resolve → check
 * (manifest, keyword, core range, required services) → confirm the permissions → install the exact version with the
 * project's package manager → check it loads in a dry run → add it to the config's `use`. Every
 * check runs before anything is written ({@link previewAdd} shows the same checks without adding); a refusal changes
 * nothing, and a failure after the install restores package.json, the lockfile and the config byte for byte.
 */
export async function addPlugin(options: AddPluginOptions): Promise<AddPluginResult> {
  const plan = await planAdd(options);
  const { project, check, nextConfig, configText, configFile, preview } = plan;
  assertCandidate(check);
  const base = { name: preview.name, version: preview.version, listing: check.listing, warnings: check.warnings, packageManager: project.packageManager.name, configFile };
  if (preview.alreadyAdded) return { ...base, configChanged: false, changed: false, changedFiles: [] };
  options.onStep?.('confirming');
  await requireConfirmation({
    yes: options.yes,
    confirm: options.confirm,
    request: { action: 'add', name: preview.name, version: preview.version, listing: check.listing, permissions: check.listing.permissions, warnings: check.warnings },
  });
  const settings = plan.client.settings;
  return changeProject({
    project,
    settings,
    run: async () => {
      options.onStep?.('installing');
      const load = await installAndVerify({
        project,
        settings,
        name: preview.name,
        version: preview.version,
        verifyLoad: options.verifyLoad,
        installScripts: check.listing.permissions?.permissions.exec === true,
      });
      options.onStep?.('configuring');
      const configChanged = nextConfig !== configText;
      if (configChanged) await writeFile(configFile, nextConfig);
      const warnings = check.listing.kind === 'channel' ? [...base.warnings, channelHint(preview.name, load?.id)] : base.warnings;
      const changedFiles = [project.packageJsonFile, project.packageManager.lockfile, ...(configChanged ? [configFile] : [])];
      return { ...base, warnings, configChanged, changed: true, changedFiles, load };
    },
  });
}
