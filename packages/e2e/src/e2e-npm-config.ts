import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cleanNpmEnv, nerfDart } from '@downcity/verdaccio-harness';
import { runProcess } from './run-process.js';

/** Options for {@link writeE2eNpmConfig}. */
export interface E2eNpmConfigOptions {
  /** The folder to write the userconfig in. */
  dir: string;
  /** The registry router (unscoped packages: verdaccio's when it has them, else upstream). */
  router: string;
  /** Verdaccio, for the `@downcity` scope. */
  verdaccio: string;
  /** Verdaccio's token (reads are open; publishing uses its own userconfig). */
  token: string;
  /** The npm cache folder. */
  cache: string;
}

/** The npm settings of every process the flow runs. */
export interface E2eNpmConfig {
  /** The userconfig file. */
  userconfig: string;
  /** The environment for child processes: the caller's, without npm, pnpm and vitest settings, plus the userconfig and cache. */
  env: Record<string, string | undefined>;
}

/**
 * Writes the temp userconfig the flow's npm runs read instead of `~/.npmrc`: `@downcity` from
 * verdaccio, everything else through the router (`create-downcity` and third-party plugins from
 * verdaccio, the rest from the upstream registry), and the environment that points at it.
 */
export async function writeE2eNpmConfig(options: E2eNpmConfigOptions): Promise<E2eNpmConfig> {
  const userconfig = path.join(options.dir, 'userconfig.npmrc');
  await writeFile(
    userconfig,
    [
      `registry=${options.router}`,
      `@downcity:registry=${options.verdaccio}`,
      `${nerfDart(options.verdaccio)}:_authToken=${options.token}`,
      'update-notifier=false',
      'fund=false',
      'audit=false',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const inherited = Object.fromEntries(Object.entries(cleanNpmEnv(process.env)).filter(([key]) => !/^(VITEST|TINYPOOL)/.test(key) && key !== 'NODE_ENV'));
  return {
    userconfig,
    env: { ...inherited, NODE_OPTIONS: '', npm_config_userconfig: userconfig, npm_config_cache: options.cache, npm_config_update_notifier: 'false' },
  };
}

/**
 * The npm cache for the flow: `DOWNCITY_E2E_NPM_CACHE`, else a folder kept between runs under this
 * package's node_modules (third-party downloads are reused; `_npx` is emptied so `npm exec` always
 * installs create-downcity from the registry). `DOWNCITY_E2E_COLD_CACHE=1` uses a fresh folder
 * inside the run's temp folder instead.
 */
export async function prepareNpmCache(options: { packageDir: string; tempDir: string }): Promise<string> {
  const cache = process.env.DOWNCITY_E2E_COLD_CACHE === '1' ? path.join(options.tempDir, 'npm-cache') : (process.env.DOWNCITY_E2E_NPM_CACHE ?? path.join(options.packageDir, 'node_modules', '.cache', 'npm'));
  await rm(path.join(cache, '_npx'), { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  return cache;
}

/** The registry third-party packages come from: `DOWNCITY_E2E_UPSTREAM_REGISTRY`, else what npm is configured with here. */
export async function upstreamRegistry(cwd: string): Promise<string> {
  if (process.env.DOWNCITY_E2E_UPSTREAM_REGISTRY) return process.env.DOWNCITY_E2E_UPSTREAM_REGISTRY;
  const configured = await runProcess('npm', ['config', 'get', 'registry'], { cwd, env: process.env, timeoutMs: 20_000 }).catch(() => undefined);
  const url = configured?.code === 0 ? configured.stdout.trim() : '';
  return /^https?:\/\//.test(url) ? url : 'https://registry.npmjs.org/';
}
