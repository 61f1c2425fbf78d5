import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCodes } from '@downcity/core';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import { nerfDart } from '../registry/nerf-dart.js';
import type { RegistrySettings } from '../registry/registry-settings.js';
import { packageManagerArgs, type PackageManagerAction } from './package-manager-args.js';
import type { Project } from './read-project.js';

/** Options for {@link runPackageManager}. */
export interface RunPackageManagerOptions {
  /** The project. */
  project: Project;
  /** The registry settings (explicit registry and token are passed on). */
  settings: RegistrySettings;
  /** What to do. */
  action: PackageManagerAction;
  /** Kill it after this many milliseconds (default 300 000). */
  timeoutMs?: number;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * A temp userconfig holding the user's own npm config plus an explicitly given token, so the
 * package manager can authenticate without the token on its command line. Removed afterwards.
 */
async function tokenUserconfig(settings: RegistrySettings): Promise<{ env: Record<string, string>; dispose(): Promise<void> } | undefined> {
  if (!settings.explicitToken) return undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-npmrc-'));
  const original = settings.env.npm_config_userconfig ?? settings.env.NPM_CONFIG_USERCONFIG ?? path.join(os.homedir(), '.npmrc');
  const existing = await readFile(original, 'utf8').catch(() => '');
  const file = path.join(dir, '.npmrc');
  await writeFile(file, `${existing}\n${nerfDart(settings.registry)}:_authToken=${settings.explicitToken}\n`, { mode: 0o600 });
  return { env: { npm_config_userconfig: file }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs pnpm or npm in the project folder. Rejects with an install-failed error carrying its output's tail (secrets redacted). */
export async function runPackageManager(options: RunPackageManagerOptions): Promise<void> {
  const { project, settings, action } = options;
  const name = project.packageManager.name;
  const args = packageManagerArgs({
    packageManager: name,
    action,
    registry: settings.explicitRegistry ? settings.registry : undefined,
    workspaceRoot: name === 'pnpm' && (await exists(path.join(project.dir, 'pnpm-workspace.yaml'))),
  });
  const auth = await tokenUserconfig(settings);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(name, args, {
        cwd: project.dir,
        env: { ...settings.env, ...auth?.env, ...(settings.explicitRegistry ? { npm_config_registry: settings.registry } : {}), npm_config_update_notifier: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer): void => {
        output = (output + chunk.toString('utf8')).slice(-8000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`${name} ${args.join(' ')} exited with ${signal ?? code}:\n${output.trim().split('\n').slice(-20).join('\n')}`));
      });
    });
  } catch (error) {
    throw marketplaceError(ErrorCodes.INTERNAL, `${name} failed in ${project.dir}: ${(error as Error).message}`, {
      reason: FailureReasons.installFailed,
      cause: error,
      details: { packageManager: name, args },
    });
  } finally {
    await auth?.dispose();
  }
}
