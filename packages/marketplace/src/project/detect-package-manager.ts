import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes } from '@downcity/core';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';

/** The package managers the marketplace installs with. */
export type PackageManagerName = 'pnpm' | 'npm';

/** The project's package manager and lockfile. */
export interface DetectedPackageManager {
  /** Which package manager. */
  name: PackageManagerName;
  /** Its lockfile (it may not exist yet). */
  lockfile: string;
}

const LOCKFILES: Record<string, PackageManagerName | 'yarn' | 'bun'> = {
  'pnpm-lock.yaml': 'pnpm',
  'package-lock.json': 'npm',
  'yarn.lock': 'yarn',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
};

const LOCKFILE_OF: Record<PackageManagerName, string> = { pnpm: 'pnpm-lock.yaml', npm: 'package-lock.json' };

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function supported(name: string, where: string): PackageManagerName {
  if (name === 'pnpm' || name === 'npm') return name;
  throw marketplaceError(ErrorCodes.INPUT_INVALID, `${where} says ${name}, which the marketplace does not drive yet. Use pnpm or npm, or install the package yourself and add it to use.`, {
    reason: FailureReasons.packageManagerUnsupported,
    details: { packageManager: name },
  });
}

/**
 * Detects the project's package manager: `override`, else the nearest lockfile in the project
 * folder or a parent (a workspace root), else package.json's `packageManager` field, else npm.
 */
export async function detectPackageManager(projectDir: string, override?: PackageManagerName): Promise<DetectedPackageManager> {
  if (override) return { name: supported(override, 'The packageManager option'), lockfile: await nearestLockfile(projectDir, LOCKFILE_OF[override]) };
  let dir = path.resolve(projectDir);
  for (;;) {
    for (const [file, name] of Object.entries(LOCKFILES)) {
      if (await exists(path.join(dir, file))) return { name: supported(name, path.join(dir, file)), lockfile: path.join(dir, file) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  let declared: string | undefined;
  try {
    declared = (JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager?.split('@')[0];
  } catch {
    declared = undefined;
  }
  const name = declared ? supported(declared, 'package.json "packageManager"') : 'npm';
  return { name, lockfile: path.join(projectDir, LOCKFILE_OF[name]) };
}

async function nearestLockfile(projectDir: string, file: string): Promise<string> {
  let dir = path.resolve(projectDir);
  for (;;) {
    if (await exists(path.join(dir, file))) return path.join(dir, file);
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(projectDir, file);
    dir = parent;
  }
}
