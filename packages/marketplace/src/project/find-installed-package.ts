import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** An installed package: its folder and package.json. */
export interface InstalledPackageJson {
  /** The package folder (as linked in node_modules, not resolved). */
  dir: string;
  /** Its parsed package.json. */
  packageJson: Record<string, unknown> & { name: string; version: string };
}

/**
 * Finds a package the way Node looks it up from `fromDir` (the nearest `node_modules/<name>` in
 * `fromDir` or a parent) and reads its package.json. Runs no code.
 */
export async function findInstalledPackage(name: string, fromDir: string): Promise<InstalledPackageJson | undefined> {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    try {
      const packageJson = JSON.parse(await readFile(path.join(candidate, 'package.json'), 'utf8')) as InstalledPackageJson['packageJson'];
      return { dir: candidate, packageJson };
    } catch {
      // keep looking upwards
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
