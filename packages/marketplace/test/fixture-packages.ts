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
  /** The entry module's source (default: a definePlugin with the package.json). */
  entry?: string;
  /** The description. */
  description?: string;
}

/** An entry that imports core's definePlugin, like a real plugin, and exports the definition. */
export const PLUGIN_ENTRY = `import { createRequire } from 'node:module';
import { definePlugin } from '@downcity/core';

const packageJson = createRequire(import.meta.url)('./package.json');

export default definePlugin({
  package: packageJson,
  setup: () => ({ handlers: {} }),
});
`;

/** Writes a small publishable package folder under `root` and returns its path. */
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

/** The greeter plugin's manifest; `extra` permissions are merged in (for a later version asking for more). */
export function greeterManifest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'greeter',
    kind: 'plugin',
    displayName: 'Greeter',
    requires: { chat: '^0.1.0' },
    attaches: { 'chat/inbound': { kind: 'pipeline' }, 'chat/after-reply': { kind: 'effect', optional: true } },
    permissions: { network: ['api.greeting.example'], secrets: ['GREETER_TOKEN'], ...extra },
  };
}
