import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Options for {@link writeVerdaccioConfig}. */
export interface VerdaccioConfigOptions {
  /** The folder for the config, htpasswd file and (unless `storageDir` is given) the storage. */
  dir: string;
  /** Where packages are stored. */
  storageDir: string;
  /** Whether reading packages needs a token (as on a private registry). */
  requireAuthToRead: boolean;
}

/**
 * Writes a verdaccio config: no uplinks (nothing is fetched from the internet), offline publish
 * allowed, an htpasswd file for test users, quiet logs. Returns the config file path.
 */
export async function writeVerdaccioConfig(options: VerdaccioConfigOptions): Promise<string> {
  const access = options.requireAuthToRead ? '$authenticated' : '$all';
  const yaml = [
    `storage: ${JSON.stringify(options.storageDir)}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(path.join(options.dir, 'htpasswd'))}`,
    '    max_users: 1000',
    'uplinks: {}',
    'packages:',
    "  '**':",
    `    access: ${access}`,
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    'publish:',
    '  allow_offline: true',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: json, level: error }',
    '',
  ].join('\n');
  const file = path.join(options.dir, 'config.yaml');
  await writeFile(file, yaml);
  return file;
}
