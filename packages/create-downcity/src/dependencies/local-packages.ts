import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

const GROUPS = ['packages', 'services', 'plugins'] as const;

/**
 * Finds the package folders of a Downcity workspace checkout, by package name (`@downcity/core` and
 * `create-downcity` included).
 *
 * @param root - the workspace root (the folder holding `pnpm-workspace.yaml`)
 * @throws CreateDowncityError with code `LOCAL_PACKAGES` when `root` is not a Downcity workspace
 */
export async function findLocalPackages(root: string): Promise<Map<string, string>> {
  const absoluteRoot = path.resolve(root);
  const folders = new Map<string, string>();
  for (const group of GROUPS) {
    const entries = await readdir(path.join(absoluteRoot, group), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((item) => item.isDirectory())) {
      const folder = path.join(absoluteRoot, group, entry.name);
      const pkg = await readFile(path.join(folder, 'package.json'), 'utf8').then((text) => JSON.parse(text) as { name?: string }, () => undefined);
      if (pkg?.name) folders.set(pkg.name, folder);
    }
  }
  if (!folders.has('@downcity/core')) {
    throw new CreateDowncityError(
      CreateErrorCodes.LOCAL_PACKAGES,
      `"${absoluteRoot}" is not a Downcity workspace: no packages/core with @downcity/core in it. Point --local (or DOWNCITY_LOCAL_PACKAGES) at the root of a downcity checkout.`,
      { details: { root: absoluteRoot } },
    );
  }
  return folders;
}
