import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Options for {@link writeFixturePackage}. */
export interface FixturePackageOptions {
  /** The package name. */
  name: string;
  /** The version. */
  version: string;
  /** The `@downcity/core` peer range; omitted when undefined. */
  coreRange?: string;
  /** Keywords. */
  keywords: string[];
  /** The `downcity` manifest; omitted when undefined. */
  manifest?: unknown;
  /** The entry module's source (default {@link PLUGIN_ENTRY}). */
  entry?: string;
  /** The description. */
  description?: string;
}

/** An entry that imports core's definePlugin, like a real plugin, and default-exports the definition with its package.json. */
export const PLUGIN_ENTRY = `import { createRequire } from 'node:module';
import { definePlugin } from '@downcity/core';

const packageJson = createRequire(import.meta.url)('./package.json');

export default definePlugin({
  package: packageJson,
  setup: () => ({ handlers: {} }),
});
`;

/** Writes a small publishable Downcity package folder (`index.js` and package.json) under `root` and returns its path. */
export async function writeFixturePackage(root: string, options: FixturePackageOptions): Promise<string> {
  const dir = path.join(root, `${options.name.replace('/', '__')}@${options.version}`);
  await mkdir(dir, { recursive: true });
  const packageJson = {
    name: options.name,
    version: options.version,
    description: options.description ?? `${options.name} (test fixture)`,
    license: 'MIT',
    type: 'module',
    keywords: options.keywords,
    exports: { '.': './index.js', './package.json': './package.json' },
    files: ['index.js'],
    ...(options.coreRange === undefined ? {} : { peerDependencies: { '@downcity/core': options.coreRange } }),
    ...(options.manifest === undefined ? {} : { downcity: options.manifest }),
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await writeFile(path.join(dir, 'index.js'), options.entry ?? PLUGIN_ENTRY);
  return dir;
}
