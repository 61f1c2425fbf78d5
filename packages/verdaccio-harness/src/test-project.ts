import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './run-command.js';

/** A temp project installed against a test registry, removed on dispose. */
export interface TestProject extends AsyncDisposable {
  /** Its folder. */
  dir: string;
  /** The bytes of package.json, the lockfile and downcity.config.ts (`<missing>` when absent), to compare after a refused change. */
  snapshot(): Promise<Record<string, string>>;
  /** The package names in node_modules (scoped ones as `@scope/name`), sorted. */
  installed(): Promise<string[]>;
}

/** Options for {@link createTestProject}. */
export interface TestProjectOptions {
  /** The `.npmrc` text pointing at the test registry (e.g. `registry.npmrc()`). */
  npmrc: string;
  /** pnpm (links with `link:`, peers not auto-installed) or npm (links with `file:`). */
  packageManager: 'pnpm' | 'npm';
  /** Local packages to depend on by folder, e.g. `{ '@downcity/core': '/path/to/packages/core' }`; they need not be on the registry. */
  links?: Record<string, string>;
  /** More files to write, by path relative to the project (e.g. `downcity.config.ts`). */
  files?: Record<string, string>;
}

/**
 * Creates a project folder (package.json with the linked dependencies, `.npmrc`, the given files),
 * installs it once so the lockfile exists, and removes it on dispose. The install runs without the
 * caller's npm settings, so the project's `.npmrc` decides the registry.
 */
export async function createTestProject(options: TestProjectOptions): Promise<TestProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-project-'));
  const protocol = options.packageManager === 'pnpm' ? 'link:' : 'file:';
  const dependencies = Object.fromEntries(Object.entries(options.links ?? {}).map(([name, folder]) => [name, `${protocol}${folder}`]));
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'test-project', private: true, type: 'module', dependencies }, null, 2)}\n`);
  // Linked packages are not in the test registry: pnpm must not try to fetch them as a package's peers
  // (Node still finds the linked copy from the package's folder).
  await writeFile(path.join(dir, '.npmrc'), options.packageManager === 'pnpm' ? `${options.npmrc}auto-install-peers=false\n` : options.npmrc);
  for (const [file, text] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const args = options.packageManager === 'pnpm' ? ['install', '--no-frozen-lockfile', '--prefer-offline'] : ['install', '--no-audit', '--no-fund', '--install-links=false'];
  try {
    await runCommand(options.packageManager, args, { cwd: dir });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
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
      for (const entry of await readdir(path.join(dir, 'node_modules')).catch(() => [] as string[])) {
        if (entry.startsWith('@')) for (const inner of await readdir(path.join(dir, 'node_modules', entry))) names.push(`${entry}/${inner}`);
        else if (!entry.startsWith('.')) names.push(entry);
      }
      return names.sort();
    },
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}
