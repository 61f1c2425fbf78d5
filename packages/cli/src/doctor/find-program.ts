import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/** The full path of an executable found on `PATH` (or the path itself when it contains a slash), else `undefined`. */
export async function findProgram(program: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const candidates = program.includes('/') ? [program] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, program));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
