import { access } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command.js';

/** A package of the pnpm workspace. */
export interface WorkspacePackage {
  /** The package name. */
  name: string;
  /** Its version. */
  version: string;
  /** Its folder. */
  path: string;
  /** Whether it is private (never published). */
  private: boolean;
}

/** Lists the workspace's packages with `pnpm ls -r`, root excluded. */
export async function listWorkspacePackages(workspaceRoot: string): Promise<WorkspacePackage[]> {
  const { stdout } = await runCommand('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: workspaceRoot });
  const listed = JSON.parse(stdout) as Array<{ name?: string; version?: string; path: string; private?: boolean }>;
  const root = path.resolve(workspaceRoot);
  return listed
    .filter((item) => path.resolve(item.path) !== root && item.name)
    .map((item) => ({ name: item.name ?? '', version: item.version ?? '0.0.0', path: item.path, private: item.private === true }));
}

/** The workspace's public (publishable) packages. */
export async function listPublicPackages(workspaceRoot: string): Promise<WorkspacePackage[]> {
  return (await listWorkspacePackages(workspaceRoot)).filter((item) => !item.private);
}

/** The packages among `packages` that have not been built (no `dist` folder). */
export async function findUnbuilt(packages: WorkspacePackage[]): Promise<WorkspacePackage[]> {
  const unbuilt: WorkspacePackage[] = [];
  for (const item of packages) {
    try {
      await access(path.join(item.path, 'dist'));
    } catch {
      unbuilt.push(item);
    }
  }
  return unbuilt;
}
