import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageEntry, type Manifest } from '@downcity/core';
import { sandboxLaunch } from '@downcity/plugin-host';
import type { InstalledPackageJson } from '../project/find-installed-package.js';
import { dryRunLoad, type DryRunResult } from './dry-run-load.js';

/** The npm scope of first-party packages. */
const FIRST_PARTY_SCOPE = '@downcity/';

/** Options of {@link loadInstalled}. */
export interface LoadInstalledOptions {
  /** The project folder it is installed in. */
  projectDir: string;
  /** The installed package. */
  installed: InstalledPackageJson;
  /** Its validated manifest; absent for a chat channel. */
  manifest?: Manifest;
  /** The environment the user runs in (a sandboxed load picks only the declared secrets from it). */
  env: Record<string, string | undefined>;
  /** Kill the child after this many milliseconds (default 30 000). */
  timeoutMs?: number;
}

/**
 * The dry-run import of an installed package for `plugins add`, `update` and `verify`. A third-party plugin (not
 * `@downcity/*`) is imported with exactly the rights it will run with, isolated (decision 0028): Node's permission
 * model over its own code, its declared secrets only, no network unless declared. So its top-level code never runs
 * with more than the user confirmed, even before the agent starts. Services and channels run in the agent's
 * process, so they are imported as the agent would.
 */
export async function loadInstalled(options: LoadInstalledOptions): Promise<DryRunResult> {
  const { installed, manifest } = options;
  const name = installed.packageJson.name;
  const common = { projectDir: options.projectDir, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  if (!manifest) return dryRunLoad({ ...common, name, expect: 'channel', env: options.env });
  if (manifest.kind !== 'plugin' || name.startsWith(FIRST_PARTY_SCOPE)) return dryRunLoad({ ...common, name, expectedId: manifest.id, env: options.env });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'downcity-dry-run-'));
  try {
    const launch = sandboxLaunch({ packageDir: installed.dir, permissions: manifest.permissions, env: options.env, dataDir });
    const result = await dryRunLoad({ ...common, entryFile: packageEntry(installed.dir, installed.packageJson), expectedId: manifest.id, launch });
    if (result.ok) return result;
    return { ...result, problems: result.problems.map((problem) => `${problem} (imported with only the permissions it declares, as it runs isolated)`) };
  } catch (error) {
    return { ok: false, problems: [`could not prepare its sandbox: ${(error as Error).message}`], exports: [] };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
