import { performance } from 'node:perf_hooks';
import { checkPublishedPackages, type PublishedPackagesReport } from './check-published-packages.js';
import { findUnbuilt, listPublicPackages, type WorkspacePackage } from './list-workspace-packages.js';
import { isolatedNpmEnv } from './publish-package.js';
import { runCommand } from './run-command.js';

/** Options for {@link publishWorkspace}. */
export interface PublishWorkspaceOptions {
  /** The monorepo root (holding pnpm-workspace.yaml). */
  workspaceRoot: string;
  /** The registry URL. */
  registry: string;
  /** The registry token. */
  token: string;
  /** An `.npmrc` with the registry's token, used instead of the user's own npm config. */
  userconfig: string;
  /** Which public packages to publish (default: all of them, as `pnpm release` does). */
  filter?: (name: string) => boolean;
}

/** The outcome of {@link publishWorkspace}. */
export interface PublishWorkspaceResult {
  /** The packages published. */
  packages: WorkspacePackage[];
  /** Each package's published ranges on its siblings, and any problem with them or its metadata. */
  report: PublishedPackagesReport;
  /** How long `pnpm -r publish` took, in milliseconds. */
  publishMs: number;
}

/**
 * The release flow against a test registry: `pnpm -r publish` every public workspace package
 * (pnpm rewrites `workspace:` ranges to real ones, as `pnpm release` does), then reads each
 * package.json back from the registry to check those ranges and the listing metadata. Packages
 * must be built first.
 */
export async function publishWorkspace(options: PublishWorkspaceOptions): Promise<PublishWorkspaceResult> {
  const packages = (await listPublicPackages(options.workspaceRoot)).filter((item) => options.filter?.(item.name) ?? true);
  const unbuilt = await findUnbuilt(packages);
  if (unbuilt.length > 0) {
    throw new Error(`Not built: ${unbuilt.map((item) => item.name).join(', ')}. Run \`pnpm build\` at the workspace root first.`);
  }
  const started = performance.now();
  const filters = packages.flatMap((item) => ['--filter', item.name]);
  await runCommand('pnpm', ['-r', ...filters, 'publish', '--registry', options.registry, '--no-git-checks', '--access', 'public'], {
    cwd: options.workspaceRoot,
    env: isolatedNpmEnv(options.userconfig),
    timeoutMs: 300_000,
  });
  const publishMs = performance.now() - started;
  const report = await checkPublishedPackages({ registry: options.registry, token: options.token, packages });
  return { packages, report, publishMs };
}
