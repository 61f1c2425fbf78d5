import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORE_PACKAGE } from '../candidate/core-compatibility.js';
import { findInstalledPackage } from '../project/find-installed-package.js';
import { entryPathOf } from './package-entry.js';

async function coreModuleFrom(directory: string): Promise<string | undefined> {
  const installed = await findInstalledPackage(CORE_PACKAGE, directory);
  const entry = installed ? entryPathOf(installed.packageJson) : undefined;
  return installed && entry ? pathToFileURL(path.join(installed.dir, entry)).href : undefined;
}

/**
 * The module URL of the `@downcity/core` a package resolves (the nearest `node_modules` from its
 * folder), else of the core next to this marketplace, else `undefined`. Runs no code.
 */
export async function findPackageCore(directory: string): Promise<string | undefined> {
  return (await coreModuleFrom(directory)) ?? (await coreModuleFrom(path.dirname(fileURLToPath(import.meta.url))));
}
