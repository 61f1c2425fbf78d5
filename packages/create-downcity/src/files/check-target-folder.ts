import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { CreateErrorCodes } from '../errors/error-codes.js';

/** Entries that do not make a folder "non-empty": an empty git repository and desktop litter. */
const IGNORED = new Set(['.git', '.DS_Store', 'Thumbs.db']);

/**
 * Checks that files may be written into `directory`: it does not exist yet or is empty, or `force` is set.
 * A folder that already holds a package.json is refused even with `force`, because the project's own
 * package.json could not be written.
 *
 * @param directory - the target folder, absolute
 * @param options - whether a non-empty folder is allowed
 * @throws CreateDowncityError with code `TARGET_NOT_EMPTY`
 */
export async function checkTargetFolder(directory: string, options: { force: boolean }): Promise<void> {
  const info = await stat(directory).catch(() => undefined);
  if (!info) return;
  const shown = path.relative(process.cwd(), directory) || '.';
  if (!info.isDirectory()) {
    throw new CreateDowncityError(CreateErrorCodes.TARGET_NOT_EMPTY, `"${shown}" exists and is not a folder. Choose another name.`, { details: { directory } });
  }
  const entries = (await readdir(directory)).filter((entry) => !IGNORED.has(entry));
  if (entries.length === 0) return;
  if (entries.includes('package.json')) {
    throw new CreateDowncityError(
      CreateErrorCodes.TARGET_NOT_EMPTY,
      `"${shown}" already holds a package.json, so it is a project already and create-downcity will not touch it. Choose a new folder, or add Downcity to that project: npm install @downcity/cli @downcity/core, then npx downcity init.`,
      { details: { directory } },
    );
  }
  if (!options.force) {
    const listed = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, and ${entries.length - 5} more` : '');
    throw new CreateDowncityError(
      CreateErrorCodes.TARGET_NOT_EMPTY,
      `"${shown}" is not empty (${listed}). Choose another folder, or pass --force to write into it (existing files are kept, never replaced or deleted).`,
      { details: { directory, entries } },
    );
  }
}
