import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds an executable program file, without running it: the shell's sandbox and the isolated plugin host both
 * look for `bwrap` this way.
 *
 * @param name - the program's file name, e.g. `bwrap`
 * @param options - an explicit `path` to check instead of searching, and the PATH to search (default `process.env.PATH`)
 * @returns the path of an executable regular file, or `undefined` when there is none
 */
export function findExecutable(name: string, options: { path?: string; searchPath?: string } = {}): string | undefined {
  if (options.path !== undefined) return isExecutable(options.path) ? options.path : undefined;
  const directories = (options.searchPath ?? process.env.PATH ?? '/usr/bin:/bin').split(delimiter).filter(Boolean);
  return directories.map((directory) => join(directory, name)).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
