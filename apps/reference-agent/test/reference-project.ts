import { chmod, cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference agent's folder. */
export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The built `downcity` command. */
export const cliBin = path.resolve(appDir, '../../packages/cli/dist/bin.js');

/** A throwaway copy of the reference agent: its config and sources, its installed packages, a fresh data folder. */
export interface ReferenceProject extends AsyncDisposable {
  /** The copy's folder. */
  dir: string;
}

/** Copies the reference agent into a temp folder (removed on dispose), so tests never touch the app's own .downcity. */
export async function copyReferenceProject(): Promise<ReferenceProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'downcity-ref-'));
  // A project folder as people have them (mkdtemp makes it 0700): the sandbox uid, which commands run as when
  // the agent is root, must be able to pass through it to reach the workspace (see docs/guides/deploying.md).
  await chmod(dir, 0o755);
  await cp(path.join(appDir, 'downcity.config.ts'), path.join(dir, 'downcity.config.ts'));
  await cp(path.join(appDir, 'src'), path.join(dir, 'src'), { recursive: true });
  await symlink(path.join(appDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}
