import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.js';

/** Options for {@link publishPackage}. */
export interface PublishPackageOptions {
  /** The folder holding the package.json to publish. */
  packageDir: string;
  /** The registry URL. */
  registry: string;
  /** An `.npmrc` with the registry's token, used instead of the user's own npm config. */
  userconfig: string;
  /** The dist-tag (default `latest`). */
  tag?: string;
  /**
   * `pnpm` (default) rewrites `workspace:` ranges to real ones, as a release does; `npm` publishes
   * the package.json as it is.
   */
  tool?: 'pnpm' | 'npm';
}

/** What was published. */
export interface PublishedPackage {
  /** The package name. */
  name: string;
  /** The published version. */
  version: string;
}

/**
 * Publishes a package folder to the registry with `pnpm publish` (or `npm publish`). The token
 * comes from a temporary userconfig, so the user's `~/.npmrc` is neither read nor changed.
 */
export async function publishPackage(options: PublishPackageOptions): Promise<PublishedPackage> {
  const manifest = JSON.parse(await readFile(path.join(options.packageDir, 'package.json'), 'utf8')) as PublishedPackage;
  const tool = options.tool ?? 'pnpm';
  const args = ['publish', '--registry', options.registry, '--tag', options.tag ?? 'latest', '--access', 'public'];
  if (tool === 'pnpm') args.push('--no-git-checks');
  await runCommand(tool, args, { cwd: options.packageDir, env: isolatedNpmEnv(options.userconfig) });
  return { name: manifest.name, version: manifest.version };
}

/** Environment variables that make npm and pnpm read only the given userconfig, never the user's. */
export function isolatedNpmEnv(userconfig: string): Record<string, string | undefined> {
  return {
    npm_config_userconfig: userconfig,
    NPM_CONFIG_USERCONFIG: userconfig,
    npm_config_registry: undefined,
    NPM_CONFIG_REGISTRY: undefined,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}
