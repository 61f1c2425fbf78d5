import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads `<dir>/.env` into `env` for every variable `env` does not already have (existing
 * environment variables win). Returns the names it set. A missing `.env` is fine.
 */
export async function applyDotenv(dir: string, env: Record<string, string | undefined>): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return applied;
}
