import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TarballFiles } from './read-tarball.js';

/** How an installed package differs from its tarball. */
export interface FileDifferences {
  /** Files whose bytes differ. */
  changed: string[];
  /** Files in the tarball but not installed. */
  missing: string[];
  /** Files installed but not in the tarball (nested `node_modules` ignored). */
  extra: string[];
}

async function listFiles(dir: string, base = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const relative = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...(await listFiles(dir, relative)));
    } else if (entry.isFile()) {
      found.push(relative);
    }
  }
  return found;
}

/** Compares the files of an installed package folder with the tarball's, byte for byte. */
export async function compareInstalledFiles(packageDir: string, tarball: TarballFiles): Promise<FileDifferences> {
  const differences: FileDifferences = { changed: [], missing: [], extra: [] };
  for (const [file, expected] of tarball) {
    let actual: Buffer;
    try {
      actual = await readFile(path.join(packageDir, file));
    } catch {
      differences.missing.push(file);
      continue;
    }
    if (!actual.equals(expected)) differences.changed.push(file);
  }
  for (const file of await listFiles(packageDir)) if (!tarball.has(file)) differences.extra.push(file);
  return differences;
}
