import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '@downcity/core';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempFolder } from '../../test/helpers/temp-folder.js';
import { downcityVersions } from '../versions.js';
import { formatLintReport } from './format-lint-report.js';
import { lintManifest } from './lint-manifest.js';

// Fixtures live under this package's node_modules, so their built entry resolves zod and @downcity/core.
const fixtures = fileURLToPath(new URL('../../node_modules/.lint-fixtures', import.meta.url));
afterAll(() => rm(fixtures, { recursive: true, force: true }));

const configSchema = () => z.object({ text: z.string().default('hello').describe('What to add.') }).strict();
const core = downcityVersions['@downcity/core'];

const ENTRY = `import { definePlugin } from '@downcity/core';
import { z } from 'zod';
export default definePlugin({
  package: { name: 'downcity-plugin-echo', version: '1.0.0' },
  config: z.object({ text: z.string().default('hello').describe('What to add.') }).strict(),
  setup: () => ({ handlers: {} }),
});
`;

function goodPackage(): Record<string, unknown> {
  return {
    name: 'downcity-plugin-echo',
    version: '1.0.0',
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
      config: configJsonSchema(configSchema()),
    },
  };
}

/** Writes a plugin package: `change` edits the package.json; `entry: false` leaves it unbuilt. */
async function fixture(change: (pkg: Record<string, unknown>) => void = () => {}, options: { entry?: boolean; readme?: boolean } = {}) {
  await mkdir(fixtures, { recursive: true });
  const folder = await tempFolder('plugin', fixtures);
  const pkg = goodPackage();
  change(pkg);
  await writeFile(path.join(folder.path, 'package.json'), JSON.stringify(pkg, null, 2));
  if (options.readme !== false) await writeFile(path.join(folder.path, 'README.md'), '# echo\n');
  if (options.entry !== false) {
    await mkdir(path.join(folder.path, 'dist'));
    await writeFile(path.join(folder.path, 'dist', 'index.js'), ENTRY);
  }
  return folder;
}

const codes = (report: Awaited<ReturnType<typeof lintManifest>>) => report.problems.map((problem) => problem.code);

describe('lintManifest', () => {
  it('passes a complete plugin package', async () => {
    await using plugin = await fixture();
    const report = await lintManifest(plugin.path);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, packageName: 'downcity-plugin-echo', coreVersion: core });
    expect(formatLintReport(report)).toBe(`downcity-plugin-echo: the manifest is ready to publish (checked against @downcity/core ${core}).`);
  });

  it('reports a manifest that does not validate, naming the field', async () => {
    await using plugin = await fixture((pkg) => {
      (pkg.downcity as Record<string, unknown>).attaches = { 'chat/before-reply': { kind: 'filter' } };
    });
    const report = await lintManifest(plugin.path);
    expect(codes(report)).toEqual(['MANIFEST_INVALID']);
    expect(report.problems[0]?.message).toContain('downcity.attaches.chat/before-reply.kind');
    expect(formatLintReport(report)).toContain('1 problem');
  });

  it('reports an attachment whose kind differs from the one the service declares', async () => {
    await using plugin = await fixture((pkg) => {
      (pkg.downcity as Record<string, unknown>).attaches = { 'chat/before-reply': { kind: 'guard' } };
    });
    const report = await lintManifest(plugin.path);
    expect(codes(report)).toEqual(['ATTACH_KIND_MISMATCH']);
    expect(report.problems[0]?.message).toContain('chat/before-reply is a pipeline point (declared by @downcity/chat)');
  });

  it('reports a missing downcity-plugin keyword with the fix', async () => {
    await using plugin = await fixture((pkg) => {
      pkg.keywords = ['weather'];
    });
    const report = await lintManifest(plugin.path);
    expect(codes(report)).toEqual(['KEYWORD_MISSING']);
    expect(report.problems[0]?.message).toContain('"keywords": ["weather", "downcity-plugin"]');
  });

  it('reports a core range the current core does not satisfy, and an invalid range', async () => {
    await using incompatible = await fixture((pkg) => {
      pkg.peerDependencies = { '@downcity/core': '^2.0.0' };
    });
    const report = await lintManifest(incompatible.path);
    expect(codes(report)).toEqual(['CORE_RANGE_INCOMPATIBLE']);
    expect(report.problems[0]?.message).toContain(`The @downcity/core peer range "^2.0.0" does not accept the current core ${core}`);
    expect((await lintManifest(incompatible.path, { coreVersion: '2.3.0' })).ok).toBe(true);

    await using invalid = await fixture((pkg) => {
      pkg.peerDependencies = { '@downcity/core': 'newest please' };
      (pkg.downcity as Record<string, unknown>).requires = { chat: 'any' };
    });
    expect(codes(await lintManifest(invalid.path))).toEqual(['CORE_RANGE_INVALID', 'REQUIRES_RANGE_INVALID']);

    await using missing = await fixture((pkg) => {
      delete pkg.peerDependencies;
    });
    expect(codes(await lintManifest(missing.path))).toEqual(['CORE_PEER_MISSING']);
  });

  it('reports a config JSON Schema that drifted from the zod schema, and an unbuilt entry', async () => {
    await using drifted = await fixture((pkg) => {
      (pkg.downcity as Record<string, unknown>).config = configJsonSchema(z.object({ text: z.string().default('bye') }).strict());
    });
    expect(codes(await lintManifest(drifted.path))).toEqual(['CONFIG_SCHEMA_MISMATCH']);

    await using unbuilt = await fixture(() => {}, { entry: false });
    const report = await lintManifest(unbuilt.path);
    expect(codes(report)).toEqual(['ENTRY_MISSING']);
    expect(report.problems[0]?.message).toContain('Build the package first');
    expect((await lintManifest(unbuilt.path, { checkConfigSchema: false })).ok).toBe(true);
  });

  it('reports missing exports, files, README and manifest', async () => {
    await using bare = await fixture(
      (pkg) => {
        delete pkg.exports;
        delete pkg.files;
        delete pkg.downcity;
      },
      { entry: false, readme: false },
    );
    expect(codes(await lintManifest(bare.path))).toEqual(['MANIFEST_MISSING', 'EXPORTS_MISSING', 'FILES_MISSING', 'README_MISSING']);
    expect(codes(await lintManifest(path.join(bare.path, 'nowhere')))).toEqual(['PACKAGE_JSON_UNREADABLE']);
  });
});
