import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageNameOf, startRegistryRouter } from './start-registry-router.js';
import { startVerdaccio } from './start-verdaccio.js';

describe('packageNameOf', () => {
  it('reads the package from packument, tarball and API paths', () => {
    expect(packageNameOf('/zod')).toBe('zod');
    expect(packageNameOf('/@downcity%2fcore')).toBe('@downcity/core');
    expect(packageNameOf('/@downcity/core/-/core-0.1.0.tgz')).toBe('@downcity/core');
    expect(packageNameOf('/create-downcity/-/create-downcity-0.1.0.tgz')).toBe('create-downcity');
    expect(packageNameOf('/-/v1/search?text=greeter')).toBeUndefined();
  });
});

describe('startRegistryRouter', () => {
  it('sends what verdaccio has (and local-only names) to verdaccio, everything else upstream, by redirect', async () => {
    const upstream = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ upstream: request.url }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const packageDir = await mkdtemp(path.join(os.tmpdir(), 'router-package-'));
    await writeFile(path.join(packageDir, 'package.json'), JSON.stringify({ name: 'acme-local', version: '1.0.0', description: 'local', main: 'index.js' }));
    await writeFile(path.join(packageDir, 'index.js'), 'module.exports = 1;\n');
    try {
      await using registry = await startVerdaccio();
      await registry.publish(packageDir, { tool: 'npm' });
      await using router = await startRegistryRouter({
        local: registry.url,
        upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`,
        localOnly: (name) => name.startsWith('@downcity/'),
      });
      const local = (await (await fetch(`${router.url}acme-local`)).json()) as { name?: string };
      expect(local.name).toBe('acme-local');
      expect(await (await fetch(`${router.url}zod`)).json()).toEqual({ upstream: '/zod' });
      expect((await fetch(`${router.url}@downcity%2fnot-published`)).status).toBe(404);
      const search = (await (await fetch(`${router.url}-/v1/search?text=local`)).json()) as { objects: Array<{ package: { name: string } }> };
      expect(search.objects.map((hit) => hit.package.name)).toEqual(['acme-local']);
      expect(router.routed()).toEqual({ local: ['@downcity/not-published', 'acme-local'], upstream: ['zod'] });
    } finally {
      upstream.close();
      await rm(packageDir, { recursive: true, force: true });
    }
  }, 60_000);
});
