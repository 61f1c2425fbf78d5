import { access } from 'node:fs/promises';
import path from 'node:path';

/** The config file names a Downcity project may use, in the order they are looked for. */
export const CONFIG_FILE_NAMES = ['downcity.config.ts', 'downcity.config.mts', 'downcity.config.mjs', 'downcity.config.js'] as const;

/** The project's config file, or undefined when it has none. */
export async function findConfigFile(projectDir: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(projectDir, name);
    try {
      await access(file);
      return file;
    } catch {
      // try the next name
    }
  }
  return undefined;
}
