import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginsLint } from '../commands/plugins-lint.js';
import { lintPackage } from './lint-package.js';

let root: string;

async function writePackage(name: string, packageJson: Record<string, unknown>, files: string[] = []): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'dist'), { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
  for (const file of files) await writeFile(path.join(dir, file), 'export default {};\n');
  return dir;
}

const good = {
  name: '@acme/downcity-weather',
  version: '1.0.0',
  description: 'Weather in chat',
  license: 'MIT',
  repository: 'github:acme/downcity-weather',
  type: 'module',
  keywords: ['downcity-plugin'],
  exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
  files: ['dist'],
  peerDependencies: { '@downcity/core': '^0.1.0' },
  downcity: { id: 'weather', kind: 'plugin', attaches: { 'chat/inbound': { kind: 'pipeline' } } },
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'downcity-lint-'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('linting a package before publishing', () => {
  it('passes a well-formed, built plugin', async () => {
    const dir = await writePackage('good', good, ['dist/index.js']);
    expect(await lintPackage({ dir, coreVersion: '0.1.0' })).toEqual({ name: good.name, version: '1.0.0', ok: true, problems: [] });
  });

  it('reports every problem with its field and a fix', async () => {
    const dir = await writePackage('bad', {
      ...good,
      description: undefined,
      private: true,
      keywords: ['downcity-service'],
      files: ['lib'],
      dependencies: { '@downcity/core': '^0.1.0' },
      peerDependencies: {},
      downcity: { id: 'weather', kind: 'plugin', attaches: { 'chat/inbound': { kind: 'teleport' } } },
    });
    const report = await lintPackage({ dir, coreVersion: '0.1.0' });
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => `${problem.severity} ${problem.field}`)).toEqual([
      'error private',
      'error downcity',
      'error dependencies',
      'error peerDependencies',
      'error exports',
      'error files',
      'warning description',
    ]);
    expect(report.problems[1]?.message).toMatch(/downcity\.attaches\.chat\/inbound\.kind/);
    expect(report.problems[4]?.message).toMatch(/build the package before publishing/);
  });

  it('gives the CLI exit code 3 and the report when there are errors', async () => {
    const dir = await writePackage('unbuilt', good);
    const result = await pluginsLint({ cwd: root, dir: path.basename(dir) });
    expect(result).toMatchObject({ ok: false, exitCode: 3, data: { ok: false }, error: { code: 'MANIFEST_INVALID' } });
  });
});
