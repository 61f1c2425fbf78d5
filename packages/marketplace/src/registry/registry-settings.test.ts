import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DowncityError } from '@downcity/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient } from './registry-client.js';
import { authorizationFor, registryFor, resolveRegistrySettings } from './registry-settings.js';

let dir: string;
let userconfig: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'downcity-npmrc-test-'));
  userconfig = path.join(dir, 'user.npmrc');
  await writeFile(userconfig, 'registry=https://user.example/\n//user.example/:_authToken=user-token-1234\n');
  await writeFile(
    path.join(dir, '.npmrc'),
    ['# project settings', 'registry = "https://npm.acme.dev/api/"', '//npm.acme.dev/api/:_authToken=${ACME_TOKEN}', '@private:registry=https://private.example', '; done', ''].join('\n'),
  );
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('registry settings', () => {
  it('reads the project .npmrc over the user one, expanding ${NAME} from the environment', async () => {
    const settings = await resolveRegistrySettings({ projectDir: dir, env: { npm_config_userconfig: userconfig, ACME_TOKEN: 'acme-secret-token' } });
    expect(settings.registry).toBe('https://npm.acme.dev/api/');
    expect(settings.explicitRegistry).toBe(false);
    expect(authorizationFor(settings, 'https://npm.acme.dev/api/@acme%2fweather')).toBe('Bearer acme-secret-token');
    expect(authorizationFor(settings, 'https://npm.acme.dev/api/@acme/weather/-/weather-1.0.0.tgz')).toBe('Bearer acme-secret-token');
    expect(authorizationFor(settings, 'https://user.example/left-pad')).toBe('Bearer user-token-1234');
    expect(authorizationFor(settings, 'https://evil.example/api/')).toBeUndefined();
    expect(registryFor(settings, '@private/thing')).toBe('https://private.example/');
    expect(registryFor(settings, 'public-thing')).toBe('https://npm.acme.dev/api/');
  });

  it('lets npm_config_registry beat .npmrc, and options beat both', async () => {
    const env = { npm_config_userconfig: userconfig, NPM_CONFIG_REGISTRY: 'https://env.example' };
    expect((await resolveRegistrySettings({ projectDir: dir, env })).registry).toBe('https://env.example/');
    const explicit = await resolveRegistrySettings({ projectDir: dir, env, registry: 'http://127.0.0.1:4873', token: 'option-token-5678' });
    expect(explicit).toMatchObject({ registry: 'http://127.0.0.1:4873/', explicitRegistry: true });
    expect(authorizationFor(explicit, 'http://127.0.0.1:4873/x')).toBe('Bearer option-token-5678');
  });

  it('defaults to the public registry', async () => {
    const settings = await resolveRegistrySettings({ env: { npm_config_userconfig: path.join(dir, 'missing.npmrc') } });
    expect(settings.registry).toBe('https://registry.npmjs.org/');
  });

  it('says how to add a token when the registry refuses, and never shows the token', async () => {
    const settings = await resolveRegistrySettings({
      registry: 'https://npm.acme.dev/',
      token: 'never-show-this-token',
      env: { npm_config_userconfig: userconfig },
      fetch: async () => new Response(JSON.stringify({ error: 'unauthorized never-show-this-token' }), { status: 401 }),
    });
    const error = await createRegistryClient(settings)
      .packument('@acme/weather')
      .catch((thrown: unknown) => thrown);
    expect(DowncityError.is(error, 'DENIED')).toBe(true);
    expect((error as DowncityError).message).toMatch(/add "\/\/npm\.acme\.dev\/:_authToken=<token>" to \.npmrc/);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('never-show-this-token');
  });

  it('reports a missing package as not found, naming the registry', async () => {
    const settings = await resolveRegistrySettings({ registry: 'https://npm.acme.dev/', env: {}, fetch: async () => new Response('{}', { status: 404 }) });
    await expect(createRegistryClient(settings).packument('nope')).rejects.toThrow(/No package named "nope" on https:\/\/npm\.acme\.dev\//);
  });
});
