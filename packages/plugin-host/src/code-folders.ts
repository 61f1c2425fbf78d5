import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Where a dependency was found: the `node_modules/<name>` path Node's resolver reads, and its real folder. */
interface FoundPackage {
  link: string;
  real: string;
}

function packageRootOf(name: string, fromDir: string): FoundPackage | undefined {
  // Walks node_modules folders upwards like Node's resolver, without running or importing anything.
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return { link: candidate, real: realpathSync(candidate) };
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The real folders of a package and every package it depends on (`dependencies`, `peerDependencies`,
 * `optionalDependencies`, transitively), resolved from where each one lives so pnpm's `.pnpm` layout works.
 * These are the folders an isolated host must read to import the package; nothing else of the disk is. Both the
 * `node_modules/<name>` path and its real folder are listed: Node's resolver reads `package.json` through the
 * link (pnpm's symlinks), the permission model checks the path as given.
 * A dependency that is not installed is skipped (importing it fails in the host with Node's own error).
 *
 * @param packageDir - the plugin's folder (the one holding its package.json)
 */
export function codeFolders(packageDir: string): string[] {
  const seen = new Set<string>();
  // The folder as given too: an installed package is usually a link (pnpm), and its entry is imported through it.
  const links = new Set<string>([path.resolve(packageDir)]);
  const queue = [realpathSync(packageDir)];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    const names = new Set<string>();
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
    }
    for (const name of names) {
      const found = packageRootOf(name, dir);
      if (!found) continue;
      if (found.link !== found.real) links.add(found.link);
      if (!seen.has(found.real)) queue.push(found.real);
    }
  }
  return [...seen, ...[...links].filter((link) => !seen.has(link))];
}
