/**
 * `@downcity/marketplace`: Downcity plugins, services and chat channels on any npm registry. Search the registry,
 * describe and resolve packages, check them before install, add / remove / update them in a
 * project (all-or-nothing, config edited in place), verify installed copies against the registry,
 * and lint a package before publishing (the one manifest lint; create-downcity's `--lint` delegates to it). The `plugins*` command functions return data and an exit
 * code for the `downcity plugins` CLI to render.
 *
 * @packageDocumentation
 */
export { search, type SearchOptions, type SearchResult } from './operations/search.js';
export { info, type InfoOptions, type PackageDetails, type VersionSummary } from './operations/info.js';
export { resolve, type ResolveOptions, type ResolvedPackage } from './operations/resolve.js';
export { addPlugin, previewAdd, requireUseArray, type AddPluginOptions, type AddPluginResult, type AddPreview, type AddStep, type PreviewAddOptions } from './operations/add-plugin.js';
export { removePlugin, type RemovePluginOptions, type RemovePluginResult } from './operations/remove-plugin.js';
export { updatePlugin, type UpdatePluginOptions, type UpdatePluginResult } from './operations/update-plugin.js';
export { verifyPlugin, type VerifyCheck, type VerifyPluginOptions, type VerifyReport } from './operations/verify-plugin.js';
export { lintPackage, type LintPackageOptions } from './operations/lint-package.js';
export { LintCodes, type LintCode, type LintProblem, type LintReport } from './lint/lint-codes.js';
export { formatLintReport } from './lint/format-lint-report.js';
export { FIRST_PARTY_POINTS, type FirstPartyPoint, type FirstPartyPointName } from './lint/first-party-points.js';
export { requireConfirmation, type Confirm, type ConfirmRequest, type RequireConfirmationOptions } from './operations/confirmation.js';
export { openMarketplace, type MarketplaceOptions, type MarketplaceSession } from './operations/marketplace-options.js';

export { assertCandidate, checkCandidate, type CandidateCheck, type CandidateProblem, type CheckCandidateOptions, type InstalledPackage } from './candidate/check-candidate.js';
export { checkManifest, describeVersion, MARKETPLACE_KEYWORDS, type ExtensionPointUse, type ManifestCheck, type ManifestFieldProblem, type PackageListing } from './candidate/describe-version.js';
export { CHANNEL_KEYWORD, CHAT_PACKAGE, isChannelPackage, type DowncityPackageKind } from './candidate/package-kind.js';
export { samePermissions, summarizePermissions, widensPermissions, type PermissionSummary } from './candidate/summarize-permissions.js';
export { permissionLines } from './candidate/permission-lines.js';
export { CORE_PACKAGE, coreRangeOf, isCoreCompatible } from './candidate/core-compatibility.js';

export { createRegistryClient, type RegistryClient } from './registry/registry-client.js';
export { DEFAULT_REGISTRY, authorizationFor, registryFor, resolveRegistrySettings, type RegistryOptions, type RegistrySettings } from './registry/registry-settings.js';
export type { Packument, PackumentVersion, SearchHit, VersionDist } from './registry/packument.js';
export { parsePackageSpec, isPackageName, type PackageSpec } from './spec/parse-package-spec.js';
export { pickVersion, type PickVersionOptions } from './spec/pick-version.js';

export { readProject, installedCoreVersion, useEntries, dependsOn, type Project, type ProjectPackageJson, type ReadProjectOptions } from './project/read-project.js';
export { detectPackageManager, type DetectedPackageManager, type PackageManagerName } from './project/detect-package-manager.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './project/find-config-file.js';
export { addUseEntry, findUseArray, removeUseEntry, type FindUseArrayResult, type UseArray, type UseEntry } from './project/use-array.js';
export { installedUsePackages } from './project/installed-use-packages.js';

export { checkIntegrity, type IntegrityCheck } from './verify/integrity.js';
export { dryRunLoad, type DryRunLoadOptions, type DryRunResult } from './verify/dry-run-load.js';
export { readTarball, type TarballFiles } from './verify/read-tarball.js';
export { compareInstalledFiles, type FileDifferences } from './verify/compare-installed-files.js';

export { FailureReasons, type FailureReason } from './errors/failure-reasons.js';
export { failureReasonOf } from './errors/marketplace-error.js';

export { PluginExitCodes, exitCodeFor, toCommandResult, type CommandError, type CommandInput, type CommandResult, type PluginExitCode } from './commands/command-result.js';
export { pluginsSearch, type PluginsSearchInput } from './commands/plugins-search.js';
export { pluginsInfo, type PluginsInfoInput } from './commands/plugins-info.js';
export { pluginsAdd, type PluginsAddInput } from './commands/plugins-add.js';
export { pluginsRemove, type PluginsRemoveInput } from './commands/plugins-remove.js';
export { pluginsUpdate, type PluginsUpdateInput } from './commands/plugins-update.js';
export { pluginsVerify, type PluginsVerifyInput } from './commands/plugins-verify.js';
export { pluginsLint, type PluginsLintInput } from './commands/plugins-lint.js';
