import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVerdaccio } from './start-verdaccio.js';

async function writePackage(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'harness-package-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: '@acme/harness-check', version: '1.2.3', description: 'harness check', main: 'index.js' }));
  await writeFile(path.join(dir, 'index.js'), 'module.exports = 1;\n');
  return dir;
}

describe('startVerdaccio', () => {
  it('runs a registry on 127.0.0.1 that takes publishes with the test token, and stops cleanly', async () => {
    const packageDir = await writePackage();
    let url: string;
    let userconfig: string;
    {
      await using registry = await startVerdaccio({ requireAuthToRead: true });
      ({ url, userconfig } = registry);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(registry.npmrc()).toContain(`//127.0.0.1:${new URL(url).port}/:_authToken=${registry.token}`);
      expect(registry.npmrc({ scope: '@acme' })).toMatch(/^@acme:registry=http/);
      expect(await registry.publish(packageDir, { tool: 'npm' })).toEqual({ name: '@acme/harness-check', version: '1.2.3' });
      const authorized = await fetch(`${url}@acme%2fharness-check`, { headers: { authorization: `Bearer ${registry.token}` } });
      expect(Object.keys(((await authorized.json()) as { versions: object }).versions)).toEqual(['1.2.3']);
      expect((await fetch(`${url}@acme%2fharness-check`)).status).toBe(401);
    }
    await expect(fetch(`${url}-/ping`)).rejects.toThrow();
    await expect(access(userconfig)).rejects.toThrow();
    await rm(packageDir, { recursive: true, force: true });
  }, 60_000);
});
