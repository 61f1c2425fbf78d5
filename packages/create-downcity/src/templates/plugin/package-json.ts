import { KNOWN_POINTS } from '../../plugin/extension-point-catalog.js';
import { toolVersions } from '../../versions.js';
import { json, pnpmSettings } from '../render.js';
import type { PluginShape } from './plugin-shape.js';

/**
 * The plugin's package.json: marketplace keyword, the `downcity` manifest, a peer range on `@downcity/core`
 * and the services it attaches to, `exports`, `files`, and build, test and lint scripts.
 *
 * @param shape - the plugin shape
 * @param config - the JSON Schema of the plugin config
 */
export function pluginPackageJson(shape: PluginShape, config: Record<string, unknown>): string {
  const { options, source } = shape;
  const range = (name: Parameters<typeof source.version>[0]): string => `^${source.version(name)}`;
  const requires = Object.fromEntries(
    options.attach
      .map((point) => KNOWN_POINTS[point])
      .filter((point) => point.service !== 'agent')
      .map((point) => [point.service, range(point.package)]),
  );
  const attaches = Object.fromEntries(options.attach.map((point) => [point, { kind: KNOWN_POINTS[point].kind }]));
  const peers = ['@downcity/core', ...shape.servicePackages] as const;
  return json({
    name: options.name,
    version: '0.1.0',
    description: `A Downcity plugin attaching to ${options.attach.join(', ')}.`,
    license: 'MIT',
    type: 'module',
    keywords: ['downcity', 'downcity-plugin'],
    engines: { node: '>=22' },
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'README.md'],
    scripts: {
      build: 'tsup && node scripts/write-config-schema.mjs',
      test: 'vitest run',
      typecheck: 'tsc --noEmit',
      lint: 'create-downcity --lint .',
      prepublishOnly: `${options.packageManager} run build && ${options.packageManager} run typecheck && ${options.packageManager} test && ${options.packageManager} run lint`,
    },
    dependencies: { zod: toolVersions.zod },
    peerDependencies: Object.fromEntries(peers.map((name) => [name, range(name)])),
    devDependencies: Object.fromEntries(
      [
        ...peers.map((name) => [name, source.spec(name)] as const),
        ['@downcity/testing', source.spec('@downcity/testing')] as const,
        ['create-downcity', source.spec('create-downcity')] as const,
        ['@types/node', toolVersions['@types/node']] as const,
        ['tsup', toolVersions.tsup] as const,
        ['typescript', toolVersions.typescript] as const,
        ['vitest', toolVersions.vitest] as const,
      ].sort(([left], [right]) => left.localeCompare(right)),
    ),
    downcity: {
      id: options.id,
      kind: 'plugin',
      requires,
      attaches,
      permissions: { network: false, exec: false, filesystem: 'none', secrets: [] },
      config,
    },
    ...pnpmSettings(options.packageManager),
  });
}
