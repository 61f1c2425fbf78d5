import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { downcityVersions, toolVersions } from './versions.js';

const workspace = fileURLToPath(new URL('../../..', import.meta.url));
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('versions.ts', () => {
  it('pins every public @downcity package at its workspace version (run the build after a version bump)', async () => {
    const expected: Record<string, string> = {};
    for (const group of ['packages', 'services', 'plugins']) {
      for (const folder of await readdir(path.join(workspace, group))) {
        const pkg = await readJson(path.join(workspace, group, folder, 'package.json')).catch(() => undefined);
        if (pkg && !pkg.private && String(pkg.name).startsWith('@downcity/')) expected[String(pkg.name)] = String(pkg.version);
      }
    }
    expect(downcityVersions).toEqual(expected);
    for (const version of [...Object.values(downcityVersions), ...Object.values(toolVersions)]) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
