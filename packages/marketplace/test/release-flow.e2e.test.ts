import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreVersion } from '@downcity/core';
import { publishWorkspace, runCommand, startVerdaccio } from '@downcity/verdaccio-harness';
import { describe, expect, it } from 'vitest';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('the monorepo release flow against a real registry', () => {
  it('publishes every public workspace package with real ranges, and @downcity/core installs from the registry', async () => {
    await using registry = await startVerdaccio();
    const result = await publishWorkspace({ workspaceRoot, registry: registry.url, token: registry.token, userconfig: registry.userconfig });
    console.log(`published ${result.packages.length} public workspace packages to verdaccio in ${Math.round(result.publishMs)} ms: ${result.packages.map((item) => item.name).join(', ')}`);

    expect(result.report.problems).toEqual([]);
    const names = result.packages.map((item) => item.name);
    expect(names).toEqual(expect.arrayContaining(['@downcity/core', '@downcity/marketplace', '@downcity/testing']));
    expect(names.every((name) => name.startsWith('@downcity/') || name === 'create-downcity')).toBe(true);
    expect(names).not.toContain('@downcity/verdaccio-harness');
    const marketplace = result.report.packages.find((item) => item.name === '@downcity/marketplace');
    expect(marketplace?.ranges.peerDependencies?.['@downcity/core']).toBe(`^${coreVersion}`);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-install-core-'));
    try {
      await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'install-check', private: true, type: 'module' }));
      // Only @downcity/* comes from the test registry; its third-party dependencies come from the default registry (mostly pnpm's cache).
      await writeFile(path.join(dir, '.npmrc'), registry.npmrc({ scope: '@downcity' }));
      const started = performance.now();
      await runCommand('pnpm', ['add', `@downcity/core@${coreVersion}`, '--prefer-offline'], { cwd: dir, timeoutMs: 150_000 });
      console.log(`installed @downcity/core@${coreVersion} from verdaccio in ${Math.round(performance.now() - started)} ms`);
      const installedDir = await realpath(path.join(dir, 'node_modules', '@downcity', 'core'));
      expect(installedDir.startsWith(await realpath(workspaceRoot))).toBe(false);
      const installed = JSON.parse(await readFile(path.join(installedDir, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version).toBe(coreVersion);
      const { stdout } = await runCommand(process.execPath, ['--input-type=module', '--eval', "const core = await import('@downcity/core'); console.log(core.coreVersion, typeof core.createAgent);"], { cwd: dir });
      expect(stdout.trim()).toBe(`${coreVersion} function`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 170_000);
});
