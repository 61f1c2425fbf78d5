import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, coreVersion } from '@downcity/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pluginsLint } from '../commands/plugins-lint.js';
import { formatLintReport } from '../lint/format-lint-report.js';
import type { LintReport } from '../lint/lint-codes.js';
import { lintPackage } from './lint-package.js';

// Fixtures live under this package's node_modules, so their built entry resolves zod and @downcity/core.
const fixtures = fileURLToPath(new URL('../../node_modules/.lint-fixtures', import.meta.url));
let root: string;

beforeAll(async () => {
  await mkdir(fixtures, { recursive: true });
  root = await mkdtemp(path.join(fixtures, 'lint-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const configSchema = () => z.object({ text: z.string().default('hello').describe('What to add.') }).strict();

const PLUGIN_ENTRY = `import { createRequire } from 'node:module';
import { definePlugin } from '@downcity/core';
import { z } from 'zod';
const pkg = createRequire(import.meta.url)('../package.json');
export default definePlugin({
  package: pkg,
  config: z.object({ text: z.string().default('hello').describe('What to add.') }).strict(),
  setup: () => ({ handlers: {} }),
});
`;

const CHANNEL_ENTRY = `import { z } from 'zod';
export default { id: 'echo', config: z.object({}).strict(), create: () => ({}) };
`;

function goodPackage(): Record<string, unknown> {
  return {
    name: '@acme/downcity-echo',
    version: '1.0.0',
    description: 'Adds a line to every reply',
    license: 'MIT',
    repository: 'github:acme/downcity-echo',
    type: 'module',
    keywords: ['downcity-plugin'],
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './package.json': './package.json' },
    files: ['dist', 'README.md'],
    peerDependencies: { '@downcity/core': `^${coreVersion}` },
    downcity: {
      id: 'echo',
      kind: 'plugin',
      requires: { chat: `^${coreVersion}` },
      attaches: { 'chat/before-reply': { kind: 'pipeline' } },
      config: configJsonSchema(configSchema()),
    },
  };
}

let count = 0;

/** Writes a package: `change` edits the package.json; `entry: false` leaves it unbuilt. */
async function fixture(change: (pkg: Record<string, unknown>) => void = () => {}, options: { entry?: string | false; readme?: boolean } = {}): Promise<string> {
  const dir = path.join(root, `package-${++count}`);
  await mkdir(dir, { recursive: true });
  const pkg = goodPackage();
  change(pkg);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  if (options.readme !== false) await writeFile(path.join(dir, 'README.md'), '# echo\n');
  if (options.entry !== false) {
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'index.js'), options.entry ?? PLUGIN_ENTRY);
  }
  return dir;
}

const codes = (report: LintReport) => report.problems.map((problem) => problem.code);
const manifest = (pkg: Record<string, unknown>) => pkg.downcity as Record<string, unknown>;

describe('linting a package before publishing', () => {
  it('passes a complete, built plugin whose config JSON Schema matches its zod schema', async () => {
    const report = await lintPackage({ dir: await fixture() });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, name: '@acme/downcity-echo', version: '1.0.0', kind: 'plugin', coreVersion });
    expect(formatLintReport(report)).toBe(`@acme/downcity-echo: the manifest is ready to publish (checked against @downcity/core ${coreVersion}).`);
  });

  it('reports each invalid manifest field with its path, and attachment kinds that differ from the declaring service', async () => {
    const invalid = await lintPackage({ dir: await fixture((pkg) => void (manifest(pkg).attaches = { 'chat/before-reply': { kind: 'filter' } })) });
    expect(codes(invalid)).toEqual(['MANIFEST_INVALID']);
    expect(invalid.problems[0]).toMatchObject({ severity: 'error', field: 'downcity.attaches.chat/before-reply.kind' });
    expect(formatLintReport(invalid)).toContain('1 problem');

    const mismatch = await lintPackage({ dir: await fixture((pkg) => void (manifest(pkg).attaches = { 'chat/before-reply': { kind: 'guard' } })) });
    expect(codes(mismatch)).toEqual(['ATTACH_KIND_MISMATCH']);
    expect(mismatch.problems[0]?.message).toContain('chat/before-reply is a pipeline point (declared by @downcity/chat)');
  });

  it('reports a missing keyword with the fix, and the keyword of another kind', async () => {
    const missing = await lintPackage({ dir: await fixture((pkg) => void (pkg.keywords = ['weather'])) });
    expect(codes(missing)).toEqual(['KEYWORD_MISSING']);
    expect(missing.problems[0]?.message).toContain('"keywords": ["weather", "downcity-plugin"]');
    const conflict = await lintPackage({ dir: await fixture((pkg) => void (pkg.keywords = ['downcity-plugin', 'downcity-service'])) });
    expect(codes(conflict)).toEqual(['KEYWORD_CONFLICT']);
  });

  it('checks the core range: present, a peer, valid, accepting the current core', async () => {
    const incompatible = await fixture((pkg) => void (pkg.peerDependencies = { '@downcity/core': '^9.0.0' }));
    const report = await lintPackage({ dir: incompatible });
    expect(codes(report)).toEqual(['CORE_RANGE_INCOMPATIBLE']);
    expect(report.problems[0]?.message).toContain(`The @downcity/core peer range "^9.0.0" does not accept the current core ${coreVersion}`);
    expect((await lintPackage({ dir: incompatible, coreVersion: '9.3.0' })).ok).toBe(true);

    const invalid = await fixture((pkg) => {
      pkg.peerDependencies = { '@downcity/core': 'newest please' };
      manifest(pkg).requires = { chat: 'any' };
    });
    expect(codes(await lintPackage({ dir: invalid }))).toEqual(['CORE_RANGE_INVALID', 'REQUIRES_RANGE_INVALID']);

    const dependency = await fixture((pkg) => {
      pkg.dependencies = { '@downcity/core': `^${coreVersion}` };
      pkg.peerDependencies = {};
    });
    expect(codes(await lintPackage({ dir: dependency }))).toEqual(['CORE_IN_DEPENDENCIES', 'CORE_PEER_MISSING']);

    const workspace = await lintPackage({ dir: await fixture((pkg) => void (pkg.peerDependencies = { '@downcity/core': 'workspace:^' })) });
    expect(workspace).toMatchObject({ ok: true, problems: [{ code: 'CORE_RANGE_LOCAL', severity: 'warning' }] });
  });

  it('compares the config JSON Schema with the zod schema, and checks the entry is built and loads as the manifest says', async () => {
    const drifted = await fixture((pkg) => void (manifest(pkg).config = configJsonSchema(z.object({ text: z.string().default('bye') }).strict())));
    expect(codes(await lintPackage({ dir: drifted }))).toEqual(['CONFIG_SCHEMA_MISMATCH']);
    const undeclared = await fixture((pkg) => void delete manifest(pkg).config);
    expect(codes(await lintPackage({ dir: undeclared }))).toEqual(['CONFIG_SCHEMA_MISSING']);

    const unbuilt = await fixture(() => {}, { entry: false });
    const report = await lintPackage({ dir: unbuilt });
    expect(codes(report)).toEqual(['ENTRY_MISSING']);
    expect(report.problems[0]?.message).toContain('Build the package first');
    expect((await lintPackage({ dir: unbuilt, loadEntry: false })).ok).toBe(true);

    const throwing = await lintPackage({ dir: await fixture(() => {}, { entry: "throw new Error('boom at import');\n" }) });
    expect(codes(throwing)).toEqual(['ENTRY_INVALID']);
    expect(throwing.problems[0]?.message).toContain('boom at import');
    const otherId = await lintPackage({ dir: await fixture(() => {}, { entry: PLUGIN_ENTRY.replace("('../package.json')", "('../package.json'); pkg.downcity = { ...pkg.downcity, id: 'other' }") }) });
    expect(otherId.problems[0]?.message).toContain('its definition carries manifest id "other", but package.json says "echo"');
  });

  it('lints a chat channel by its keyword: no manifest, a chat peer, a channel definition', async () => {
    const channel = (pkg: Record<string, unknown>) => {
      delete pkg.downcity;
      pkg.keywords = ['downcity-channel'];
      pkg.peerDependencies = { '@downcity/core': `^${coreVersion}`, '@downcity/chat': `^${coreVersion}` };
    };
    expect(await lintPackage({ dir: await fixture(channel, { entry: CHANNEL_ENTRY }) })).toMatchObject({ ok: true, kind: 'channel', problems: [] });
    const notAChannel = await lintPackage({ dir: await fixture(channel) });
    expect(codes(notAChannel)).toEqual(['ENTRY_INVALID']);
    expect(notAChannel.problems[0]?.message).toContain('has no channel id');
    const noChat = await lintPackage({ dir: await fixture((pkg) => (channel(pkg), delete (pkg.peerDependencies as Record<string, string>)['@downcity/chat']), { entry: CHANNEL_ENTRY }) });
    expect(codes(noChat)).toEqual(['CHAT_PEER_MISSING']);
  });

  it('reports missing exports, files, README, manifest and metadata; an entry outside files; private and bad names', async () => {
    const bare = await fixture(
      (pkg) => {
        for (const field of ['exports', 'files', 'downcity', 'description', 'license', 'repository']) delete pkg[field];
      },
      { entry: false, readme: false },
    );
    const report = await lintPackage({ dir: bare });
    expect(codes(report)).toEqual(['MANIFEST_MISSING', 'EXPORTS_MISSING', 'FILES_MISSING', 'README_MISSING', 'DESCRIPTION_MISSING', 'LICENSE_MISSING', 'REPOSITORY_MISSING']);
    expect(report.problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.code)).toEqual(['DESCRIPTION_MISSING', 'LICENSE_MISSING', 'REPOSITORY_MISSING']);
    expect(codes(await lintPackage({ dir: path.join(bare, 'nowhere') }))).toEqual(['PACKAGE_JSON_UNREADABLE']);

    const outside = await lintPackage({ dir: await fixture((pkg) => void (pkg.files = ['lib'])) });
    expect(codes(outside)).toEqual(['ENTRY_NOT_IN_FILES']);
    const identity = await lintPackage({ dir: await fixture((pkg) => Object.assign(pkg, { name: 'Not A Name', version: 'one', private: true })) });
    expect(codes(identity).slice(0, 3)).toEqual(['NAME_INVALID', 'VERSION_INVALID', 'PACKAGE_PRIVATE']);
  });

  it('gives the CLI exit code 3 and the report when there are errors', async () => {
    const dir = await fixture(() => {}, { entry: false });
    const result = await pluginsLint({ cwd: root, dir: path.basename(dir) });
    expect(result).toMatchObject({ ok: false, exitCode: 3, data: { ok: false }, error: { code: 'MANIFEST_INVALID', details: { reason: 'lint-failed', codes: ['ENTRY_MISSING'] } } });
    expect(await pluginsLint({ cwd: dir, loadEntry: false })).toMatchObject({ ok: true, exitCode: 0 });
  });
});
