import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A throwaway Downcity project whose node_modules are the CLI's own (core, chat, task, memory, auth, testing). */
export interface FixtureProject extends AsyncDisposable {
  /** The project folder. */
  dir: string;
}

/** Writes `files` (path → content) into a new temp project folder; removed on dispose. */
export async function fixtureProject(files: Record<string, string>): Promise<FixtureProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'downcity-cli-'));
  await symlink(path.join(packageDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}
