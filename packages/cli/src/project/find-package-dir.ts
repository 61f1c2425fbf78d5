import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * Finds an installed package's folder the way Node looks it up from `fromDir`: the nearest
 * `node_modules/<name>` in `fromDir` or a parent folder. Reads nothing and runs nothing.
 */
export async function findPackageDir(name: string, fromDir: string): Promise<string | undefined> {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    try {
      await access(path.join(candidate, 'package.json'));
      return candidate;
    } catch {
      // keep looking upwards
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
