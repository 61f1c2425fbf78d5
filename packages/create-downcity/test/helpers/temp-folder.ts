import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temporary folder for a test, removed with `await using`. */
export interface TempFolder extends AsyncDisposable {
  /** The folder, absolute. */
  path: string;
}

/**
 * Creates a temporary folder.
 *
 * @param prefix - the folder name prefix
 * @param parent - where to create it (default the OS temp folder)
 */
export async function tempFolder(prefix: string, parent: string = os.tmpdir()): Promise<TempFolder> {
  const folder = await mkdtemp(path.join(parent, `${prefix}-`));
  return { path: folder, [Symbol.asyncDispose]: () => rm(folder, { recursive: true, force: true }) };
}
