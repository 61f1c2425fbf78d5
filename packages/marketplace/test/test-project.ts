import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '@downcity/verdaccio-harness';

/** The workspace's @downcity/core folder; test projects link it instead of installing it. */
export const CORE_DIR = fileURLToPath(new URL('../../core', import.meta.url));

/** A config file with comments and a multi-line use array, as a user would write it. */
export const CONFIG_TEXT = `import { defineConfig } from '@downcity/core';

// The agent used by the marketplace tests.
export default defineConfig({
  agent: { name: 'test-agent', instructions: 'Be brief.' },
  use: [
    './src/plugins/local.ts', // a local plugin
  ],
  plugins: {},
});
`;

/** A temp Downcity project with @downcity/core linked from the workspace. */
export interface TestProject extends AsyncDisposable {
  /** Its folder. */
  dir: string;
  /** The bytes of package.json, the lockfile and the config, to compare after a refused change. */
  snapshot(): Promise<Record<string, string>>;
  /** The package names in node_modules (scoped ones as `@scope/name`). */
  installed(): Promise<string[]>;
}

/** Options for {@link createTestProject}. */
export interface TestProjectOptions {
  /** The `.npmrc` text pointing at the test registry. */
  npmrc: string;
  /** pnpm (link: core) or npm (file: core). */
  packageManager: 'pnpm' | 'npm';
  /** The config text (default {@link CONFIG_TEXT}). */
  config?: string;
}

/** Creates a project, installs it once (creating the lockfile) and removes it on dispose. */
export async function createTestProject(options: TestProjectOptions): Promise<TestProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-project-'));
  const protocol = options.packageManager === 'pnpm' ? 'link:' : 'file:';
  const packageJson = { name: 'test-agent', private: true, type: 'module', dependencies: { '@downcity/core': `${protocol}${CORE_DIR}` } };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  // core is linked from the workspace, not in the test registry: pnpm must not try to fetch it as
  // a plugin's peer (Node still finds the linked core from the plugin's folder).
  await writeFile(path.join(dir, '.npmrc'), options.packageManager === 'pnpm' ? `${options.npmrc}auto-install-peers=false\n` : options.npmrc);
  await writeFile(path.join(dir, 'downcity.config.ts'), options.config ?? CONFIG_TEXT);
  const args = options.packageManager === 'pnpm' ? ['install', '--no-frozen-lockfile', '--prefer-offline'] : ['install', '--no-audit', '--no-fund', '--install-links=false'];
  await runCommand(options.packageManager, args, { cwd: dir });
  const lockfile = options.packageManager === 'pnpm' ? 'pnpm-lock.yaml' : 'package-lock.json';
  return {
    dir,
    async snapshot() {
      const files: Record<string, string> = {};
      for (const file of ['package.json', lockfile, 'downcity.config.ts']) files[file] = await readFile(path.join(dir, file), 'utf8').catch(() => '<missing>');
      return files;
    },
    async installed() {
      const names: string[] = [];
      for (const entry of await readdir(path.join(dir, 'node_modules'))) {
        if (entry.startsWith('@')) for (const inner of await readdir(path.join(dir, 'node_modules', entry))) names.push(`${entry}/${inner}`);
        else if (!entry.startsWith('.')) names.push(entry);
      }
      return names.sort();
    },
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}
