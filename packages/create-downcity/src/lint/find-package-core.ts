import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryPathOf, type LintedPackageJson } from './package-json.js';

/** The parts of `@downcity/core` the config check needs. */
export interface CoreModule {
  /** The installed core's version. */
  version: string;
  /** Its `configJsonSchema`, so the schema is generated the way that core generates it. */
  configJsonSchema(schema: unknown): Record<string, unknown>;
}

/**
 * Finds the `@downcity/core` a package resolves (walking up `node_modules` folders from it) and imports it,
 * or returns `undefined` when none is installed.
 *
 * @param directory - the package folder
 */
export async function findPackageCore(directory: string): Promise<CoreModule | undefined> {
  let current = path.resolve(directory);
  for (;;) {
    const folder = path.join(current, 'node_modules', '@downcity', 'core');
    const pkg = await readFile(path.join(folder, 'package.json'), 'utf8').then((text) => JSON.parse(text) as LintedPackageJson, () => undefined);
    const entry = pkg ? entryPathOf(pkg) : undefined;
    if (pkg && entry) {
      const module = (await import(pathToFileURL(path.join(folder, entry)).href)) as Partial<CoreModule>;
      if (typeof module.configJsonSchema === 'function') return { version: String(pkg.version), configJsonSchema: module.configJsonSchema };
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
