/**
 * A real verdaccio npm registry for tests: 127.0.0.1, no uplinks, a temp storage folder, a test
 * user, and publish helpers that never touch the user's npm config. Private; not published.
 *
 * @packageDocumentation
 */
export { startVerdaccio, type PublishOptions, type StartVerdaccioOptions, type Verdaccio } from './start-verdaccio.js';
export { publishPackage, isolatedNpmEnv, type PublishPackageOptions, type PublishedPackage } from './publish-package.js';
export { publishWorkspace, type PublishWorkspaceOptions, type PublishWorkspaceResult } from './publish-workspace.js';
export { checkPublishedPackages, type CheckPublishedPackagesOptions, type PublishedRanges, type PublishedPackagesReport } from './check-published-packages.js';
export { listPublicPackages, listWorkspacePackages, findUnbuilt, type WorkspacePackage } from './list-workspace-packages.js';
export { nerfDart, npmrcText, type NpmrcTextOptions } from './npmrc.js';
export { cleanNpmEnv, runCommand, type CommandOutput, type RunCommandOptions } from './run-command.js';
export { PLUGIN_ENTRY, writeFixturePackage, type FixturePackageOptions } from './fixture-package.js';
export { createTestProject, type TestProject, type TestProjectOptions } from './test-project.js';
export { packageNameOf, startRegistryRouter, type RegistryRouter, type StartRegistryRouterOptions } from './start-registry-router.js';
