import { access } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';

/** The config file names looked for, in order. */
export const CONFIG_FILE_NAMES = ['downcity.config.ts', 'downcity.config.mts', 'downcity.config.mjs', 'downcity.config.js'] as const;

/** The project's config file, or a usage-grade error saying how to create one. */
export async function findConfigFile(dir: string): Promise<string> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    try {
      await access(file);
      return file;
    } catch {
      // try the next name
    }
  }
  throw new CliError(ExitCodes.invalidConfig, `No downcity.config.ts in ${dir}.`, {
    hint: 'Run `downcity init` to create one, or pass --cwd <project folder>.',
    details: { dir },
  });
}
