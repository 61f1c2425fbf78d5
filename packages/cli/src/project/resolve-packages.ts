import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DowncityError, ErrorCodes, packageEntry, validatePackageManifest, type Manifest, type PackageInfo } from '@downcity/core';
import { findPackageDir } from './find-package-dir.js';

/** The keyword that marks a chat channel package. */
export const CHANNEL_KEYWORD = 'downcity-channel';

/** A `use` entry, located and classified without running any of its code. */
export type ResolvedPackage =
  | {
      /** The entry as written in `use`. */
      specifier: string;
      /** An npm package. */
      local: false;
      /** `service` or `plugin` from the manifest, or `channel` from the `downcity-channel` keyword. */
      kind: 'service' | 'plugin' | 'channel';
      /** The npm name. */
      name: string;
      /** The installed version. */
      version: string;
      /** The validated manifest (services and plugins). */
      manifest?: Manifest;
      /** The installed folder. */
      directory: string;
      /** The file `import` loads. */
      entry: string;
    }
  | {
      /** The entry as written in `use`. */
      specifier: string;
      /** A file of the project (`./src/plugins/greeting.ts`); its kind is known once imported. */
      local: true;
      /** The file, absolute. */
      entry: string;
    };

/** Whether a `use` entry is a path rather than a package name. */
export function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier);
}

async function resolveLocal(specifier: string, projectDir: string): Promise<ResolvedPackage> {
  const entry = path.resolve(projectDir, specifier);
  try {
    await access(entry);
  } catch {
    throw new DowncityError(ErrorCodes.CONFIG_INVALID, `Invalid config:\n  - use: "${specifier}" does not exist (looked for ${entry})`, {
      details: { problems: [{ path: 'use', message: `"${specifier}" does not exist` }] },
    });
  }
  return { specifier, local: true, entry };
}

async function resolveInstalled(specifier: string, projectDir: string): Promise<ResolvedPackage> {
  const directory = await findPackageDir(specifier, projectDir);
  if (!directory) {
    throw new DowncityError(
      ErrorCodes.CONFIG_INVALID,
      `Invalid config:\n  - use: package "${specifier}" is not installed in ${projectDir}. Install it (e.g. \`pnpm add ${specifier}\`) or remove it from use.`,
      { details: { problems: [{ path: 'use', message: `package "${specifier}" is not installed` }], package: specifier } },
    );
  }
  const file = path.join(directory, 'package.json');
  const packageJson = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const info = packageJson as unknown as PackageInfo;
  const entry = packageEntry(directory, packageJson);
  const base = { specifier, local: false as const, name: info.name, version: info.version, directory, entry };
  if (info.keywords?.includes(CHANNEL_KEYWORD)) return { ...base, kind: 'channel' };
  const { manifest } = validatePackageManifest(info);
  return { ...base, kind: manifest.kind, manifest };
}

/**
 * Locates every `use` entry from the project folder and reads its package.json without running
 * any code (decision 0004, step 4): the `downcity-channel` keyword makes a chat channel, otherwise
 * the validated `downcity` manifest says service or plugin. Local paths are only checked to exist.
 */
export async function resolvePackages(use: readonly string[], projectDir: string): Promise<ResolvedPackage[]> {
  const resolved: ResolvedPackage[] = [];
  for (const specifier of use) {
    resolved.push(isLocalSpecifier(specifier) ? await resolveLocal(specifier, projectDir) : await resolveInstalled(specifier, projectDir));
  }
  return resolved;
}
