import path from 'node:path';

/** Whether `other` is `folder` followed by more of the same name (`…/provider-utils` for `…/provider`). */
const extendsName = (folder: string, other: string): boolean => other.length > folder.length && other.startsWith(folder) && other[folder.length] !== path.sep;

/** A `node_modules` folder or a scope folder in one: it holds packages (in pnpm's store, only one package's dependencies). */
const holdsPackages = (dir: string): boolean => path.basename(dir) === 'node_modules' || (path.basename(dir).startsWith('@') && path.basename(path.dirname(dir)) === 'node_modules');

/**
 * The folders to grant so that each given folder can be read, stat'ed and resolved through. Works around a bug in
 * Node's permission model (22 and 24): when a granted folder's path is a prefix of another granted path
 * (`@ai-sdk/provider` and `@ai-sdk/provider-utils`), the shorter folder itself can no longer be `lstat`ed, so
 * resolving a module through it (a pnpm symlink) fails with `ERR_ACCESS_DENIED` though its files are readable.
 * Such a package folder is granted through the `node_modules` (or scope) folder holding it, which in pnpm's layout
 * (`.pnpm/<pkg>/node_modules/<scope>`) holds only that package's dependencies; other folders are left as they are.
 * Folders under another granted folder are dropped.
 *
 * @param folders - absolute folders to grant
 */
export function prefixSafeFolders(folders: readonly string[]): string[] {
  let current = withoutNested(folders.map((folder) => path.resolve(folder)));
  for (;;) {
    const lifted = current.map((folder) => (holdsPackages(path.dirname(folder)) && current.some((other) => extendsName(folder, other)) ? path.dirname(folder) : folder));
    const next = withoutNested(lifted);
    if (next.length === current.length && next.every((folder, index) => folder === current[index])) return next;
    current = next;
  }
}

/** The folders without duplicates and without any that lies under another of them, in their first order. */
function withoutNested(folders: readonly string[]): string[] {
  const unique = [...new Set(folders)];
  return unique.filter((folder) => !unique.some((other) => other !== folder && folder.startsWith(`${other}${path.sep}`)));
}
