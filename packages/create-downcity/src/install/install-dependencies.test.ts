import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/helpers/temp-folder.js';
import { CreateDowncityError } from '../errors/create-downcity-error.js';
import { installDependencies } from './install-dependencies.js';

describe('installDependencies', () => {
  it('says exactly what to run when the package manager fails', async () => {
    await using temp = await tempFolder('cd-install');
    await writeFile(path.join(temp.path, 'package.json'), '{ not json');
    const output: string[] = [];
    const error = await installDependencies({ directory: temp.path, packageManager: 'pnpm', onOutput: (chunk) => output.push(chunk) }).catch((caught: unknown) => caught);
    expect(CreateDowncityError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INSTALL_FAILED', details: { command: `cd ${JSON.stringify(temp.path)} && pnpm install` } });
    expect((error as Error).message).toMatch(/^"pnpm install" exited with code \d+\. The project files are written; finish with: cd /);
    expect(output.join('')).not.toBe('');
  });
});
