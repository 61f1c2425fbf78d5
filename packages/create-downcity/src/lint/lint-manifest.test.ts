import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '@downcity/core';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempFolder } from '../../test/helpers/temp-folder.js';
import { formatLintReport, ManifestLintCodes } from '../lint.js';
import { downcityVersions } from '../versions.js';
import { lintManifest } from './lint-manifest.js';

// The checks themselves are @downcity/marketplace's lintPackage and are tested there; these tests cover the wrapper.
// Fixtures live under this package's node_modules, so their built entry resolves zod and @downcity/core.
const fixtures = fileURLToPath(new URL('../../node_modules/.lint-fixtures', import.meta.url));
afterAll(() => rm(fixtures, { recursive: true, force: true }));

const core = downcityVersions['@downcity/core'];

const ENTRY = `import { createRequire } from 'node:module';
import { definePlugin } from '@downcity/core';
import { z } from 'zod';
export default definePlugin({
  package: createRequire(import.meta.url)('../package.json'),
  config: z.object({ text: z.string().default('hello').describe('What to add.') }).strict(),
  setup: () => ({ handlers: {} }),
});
`;

/** Writes a plugin package: `change` edits the package.json; `entry: false` leaves it unbuilt. */
async function fixture(change: (pkg: Record<string, unknown>) => void = () => {}, options: { entry?: boolean } = {}) {
  await mkdir(fixtures, { recursive: true });
  const folder = await tempFolder('plugin', fixtures);
  const pkg: Record<string, unknown> = {
    name: 'downcity-plugin-echo',
    version: '1.0.0',
    description: 'Echo',
    license: 'MIT',
    repository: 'github:acme/downcity-plugin-echo',
    type: 'module',
    keywords: ['downcity-plugin'],
    exports: { '.': { import: './dist/index.js' }, './package.json': './package.json' },
    files: ['dist', 'README.md'],
    peerDependencies: { '@downcity/core': `^${core}` },
    downcity: {
      id: 'echo',
      kind: 'plugin',
      requires: { chat: `^${core}` },
      attaches: { 'chat/before-reply': { kind: 'pipeline' } },
      config: configJsonSchema(z.object({ text: z.string().default('hello').describe('What to add.') }).strict()),
    },
  };
  change(pkg);
  await writeFile(path.join(folder.path, 'package.json'), JSON.stringify(pkg, null, 2));
  await writeFile(path.join(folder.path, 'README.md'), '# echo\n');
  if (options.entry !== false) {
    await mkdir(path.join(folder.path, 'dist'));
    await writeFile(path.join(folder.path, 'dist', 'index.js'), ENTRY);
  }
  return folder;
}

describe('lintManifest (a wrapper over @downcity/marketplace lintPackage)', () => {
  it('passes a complete plugin package, checked against the core released with this create-downcity', async () => {
    await using plugin = await fixture();
    const report = await lintManifest(plugin.path);
    expect(report).toMatchObject({ ok: true, problems: [], packageName: 'downcity-plugin-echo', name: 'downcity-plugin-echo', coreVersion: core, directory: plugin.path });
    expect(formatLintReport(report)).toBe(`downcity-plugin-echo: the manifest is ready to publish (checked against @downcity/core ${core}).`);
  });

  it('reports problems with the stable codes, and passes the options on', async () => {
    await using incompatible = await fixture((pkg) => void (pkg.peerDependencies = { '@downcity/core': '^2.0.0' }));
    const report = await lintManifest(incompatible.path);
    expect(report.problems.map((problem) => problem.code)).toEqual([ManifestLintCodes.CORE_RANGE_INCOMPATIBLE]);
    expect((await lintManifest(incompatible.path, { coreVersion: '2.3.0' })).ok).toBe(true);

    await using unbuilt = await fixture(() => {}, { entry: false });
    expect((await lintManifest(unbuilt.path)).problems.map((problem) => problem.code)).toEqual(['ENTRY_MISSING']);
    expect((await lintManifest(unbuilt.path, { checkConfigSchema: false })).ok).toBe(true);
  });
});
