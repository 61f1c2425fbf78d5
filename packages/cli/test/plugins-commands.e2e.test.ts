import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreVersion } from '@downcity/core';
import { cleanNpmEnv, createTestProject, startVerdaccio, writeFixturePackage, type TestProject, type Verdaccio } from '@downcity/verdaccio-harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { captureIo } from './capture-io.js';
import { terminalIo } from './tty-io.js';

const GREETER = '@acme/downcity-greeter';
const FUTURE = '@acme/downcity-future';
const BROKEN = '@acme/downcity-broken';
const CHANNEL = '@acme/downcity-channel-echo';
const CORE_DIR = fileURLToPath(new URL('../../core', import.meta.url));
const CONFIG = `import { defineConfig } from '@downcity/core';

export default defineConfig({
  agent: { name: 'cli-test' },
  use: [
    './src/plugins/local.ts',
  ],
});
`;
const greeterManifest = (extra: Record<string, unknown> = {}) => ({
  id: 'greeter',
  kind: 'plugin',
  attaches: { 'chat/before-reply': { kind: 'pipeline' } },
  permissions: { network: ['api.greeting.example'], secrets: ['GREETER_TOKEN'], uses: ['chat/channels'], ...extra },
});

let registry: Verdaccio;
let fixtures: string;
let project: TestProject;
// Without the npm settings `pnpm run` injects from the workspace; the registry comes from --registry.
const env = cleanNpmEnv();

/** Runs `downcity <args> --registry <verdaccio>` (lint has no registry) in the test project, without a terminal. */
async function downcity(args: string[], options: { json?: boolean } = {}) {
  const io = captureIo({ cwd: project.dir, env });
  const registryArgs = args[1] === 'lint' ? [] : ['--registry', registry.url];
  const code = await runCli([...args, ...registryArgs, ...(options.json ? ['--json'] : [])], io);
  return { code, out: io.out(), err: io.err(), json: () => JSON.parse(io.out()) as Record<string, unknown> & { error?: Record<string, unknown> } };
}

beforeAll(async () => {
  registry = await startVerdaccio();
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'downcity-cli-fixtures-'));
  const compatible = `^${coreVersion}`;
  const packages = await Promise.all([
    writeFixturePackage(fixtures, { name: GREETER, version: '1.0.0', coreRange: compatible, keywords: ['downcity-plugin'], manifest: greeterManifest(), description: 'Greets people in chat' }),
    writeFixturePackage(fixtures, { name: FUTURE, version: '1.0.0', coreRange: '^9.0.0', keywords: ['downcity-plugin'], manifest: { id: 'future', kind: 'plugin' }, description: 'Greets people from the future' }),
    writeFixturePackage(fixtures, { name: BROKEN, version: '1.0.0', coreRange: compatible, keywords: ['downcity-plugin'], manifest: { id: 'Broken!', kind: 'plugin', attaches: { x: { kind: 'sideways' } } } }),
    writeFixturePackage(fixtures, {
      name: CHANNEL,
      version: '1.0.0',
      coreRange: compatible,
      keywords: ['downcity-channel'],
      entry: "export default { id: 'echo', config: { safeParse: (value) => ({ success: true, data: value }) }, create: () => ({}) };\n",
    }),
  ]);
  await Promise.all(packages.map((dir) => registry.publish(dir, { tool: 'npm' })));
  // Only the token: the registry itself comes from --registry on each command.
  const npmrc = registry.npmrc().split('\n').filter((line) => line.startsWith('//')).join('\n');
  project = await createTestProject({ npmrc: `${npmrc}\n`, packageManager: 'pnpm', links: { '@downcity/core': CORE_DIR }, files: { 'downcity.config.ts': CONFIG } });
}, 120_000);

afterAll(async () => {
  await project?.[Symbol.asyncDispose]();
  await registry?.close();
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
});

describe('downcity plugins against a real registry (verdaccio)', () => {
  it('search shows a table (name, version, description, points, permissions, compatibility) and JSON', async () => {
    const table = await downcity(['plugins', 'search', 'people']);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VERSION\s+DESCRIPTION\s+EXTENSION POINTS\s+PERMISSIONS\s+COMPATIBLE$/);
    expect(lines.find((line) => line.startsWith(GREETER))).toMatch(/1\.0\.0\s+Greets people in chat\s+chat\/before-reply \(pipeline\)\s+network: api\.greeting\.example; secrets: GREETER_TOKEN; invokes: chat\/channels\s+yes$/);
    expect(lines.find((line) => line.startsWith(FUTURE))).toMatch(/no \(needs core \^9\.0\.0\)$/);

    const json = await downcity(['plugins', 'search', 'people'], { json: true });
    const results = json.json().results as Array<Record<string, unknown>>;
    expect(results.map((result) => result.name).sort()).toEqual([FUTURE, GREETER]);
    expect(results.find((result) => result.name === GREETER)).toMatchObject({ version: '1.0.0', kind: 'plugin', compatible: true, compatibleVersion: '1.0.0' });
  });

  it('info describes the versions and the one add would pick', async () => {
    const info = await downcity(['plugins', 'info', GREETER]);
    expect(info.code).toBe(0);
    expect(info.out).toContain(`${GREETER}@1.0.0  plugin "greeter"`);
    expect(info.out).toContain('permissions network: api.greeting.example');
    // A third-party plugin runs isolated by default: info names how each permission is enforced (decision 0028).
    expect(info.out).toContain('enforced    own process (isolated plugin host)');
    expect(info.out).toContain('environment: only GREETER_TOKEN');
    expect(info.out).toContain('invokes actions: chat/channels');
    const missing = await downcity(['plugins', 'info', '@acme/nothing-here'], { json: true });
    expect(missing.code).toBe(1);
    expect(missing.json().error).toMatchObject({ code: 'INPUT_INVALID', details: { reason: 'not-found' } });
  });

  it('add refuses without a terminal and without --yes (exit 6), and refuses incompatible and broken packages, changing nothing', async () => {
    const before = await project.snapshot();
    const unconfirmed = await downcity(['plugins', 'add', GREETER]);
    expect(unconfirmed.code).toBe(6);
    expect(unconfirmed.err).toContain('needs confirmation of the permissions it asks for');
    expect(unconfirmed.err).toContain('pass --yes');

    const future = await downcity(['plugins', 'add', FUTURE, '--yes'], { json: true });
    expect(future.code).toBe(6);
    expect(future.json().error).toMatchObject({ code: 'VERSION_MISMATCH', exitCode: 6, details: { reason: 'core-incompatible' } });
    expect(future.json().error?.message).toContain(`needs @downcity/core ^9.0.0, but this project has @downcity/core ${coreVersion}`);

    const broken = await downcity(['plugins', 'add', BROKEN, '--yes']);
    expect(broken.code).toBe(6);
    expect(broken.err).toMatch(/invalid "downcity" manifest:[\s\S]*downcity\.id/);
    expect(await project.snapshot()).toEqual(before);
  });

  it('add asks on a terminal: shows the permissions, a "n" declines (exit 6), a "y" installs and adds it to use', async () => {
    const declined = terminalIo({ cwd: project.dir, env });
    const asking = runCli(['plugins', 'add', GREETER, '--registry', registry.url], declined);
    await vi.waitFor(() => expect(declined.err()).toContain(`Install ${GREETER}@1.0.0? [y/N]`), { timeout: 20_000 });
    expect(declined.err()).toContain('network: api.greeting.example');
    expect(declined.err()).toContain('invokes actions: chat/channels');
    declined.answer('n');
    expect(await asking).toBe(6);
    expect(declined.err()).toContain(`You declined ${GREETER}@1.0.0`);

    const accepted = terminalIo({ cwd: project.dir, env });
    const installing = runCli(['plugins', 'add', GREETER, '--registry', registry.url], accepted);
    await vi.waitFor(() => expect(accepted.err()).toContain('[y/N]'), { timeout: 20_000 });
    accepted.answer('y');
    expect(await installing).toBe(0);
    expect(accepted.out()).toContain(`Installed ${GREETER}@1.0.0 with pnpm and added it to use`);
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toContain(`    '${GREETER}',\n`);
  });

  it('verify passes for the installed plugin; update confirms wider permissions; a channel adds with a hint; remove undoes', async () => {
    const verify = await downcity(['plugins', 'verify', GREETER], { json: true });
    expect(verify.code).toBe(0);
    expect(verify.json()).toMatchObject({ ok: true, checks: [{ check: 'integrity', ok: true }, { check: 'files', ok: true }, { check: 'manifest', ok: true }, { check: 'load', ok: true }] });

    const unchanged = await downcity(['plugins', 'update', GREETER]);
    expect(unchanged).toMatchObject({ code: 0 });
    expect(unchanged.out).toContain('stays at 1.0.0');
    const next = await writeFixturePackage(fixtures, { name: GREETER, version: '1.1.0', coreRange: `^${coreVersion}`, keywords: ['downcity-plugin'], manifest: greeterManifest({ exec: true }) });
    await registry.publish(next, { tool: 'npm' });
    expect((await downcity(['plugins', 'update', GREETER])).code).toBe(6);
    const updated = await downcity(['plugins', 'update', GREETER, '--yes']);
    expect(updated.out).toContain(`Updated ${GREETER} 1.0.0 → 1.1.0.`);
    // Using one more action of another package is wider too: it asks again.
    const using = await writeFixturePackage(fixtures, {
      name: GREETER,
      version: '1.2.0',
      coreRange: `^${coreVersion}`,
      keywords: ['downcity-plugin'],
      manifest: greeterManifest({ exec: true, uses: ['chat/channels', 'auth/approve'] }),
    });
    await registry.publish(using, { tool: 'npm' });
    const unconfirmed = await downcity(['plugins', 'update', GREETER]);
    expect(unconfirmed.code).toBe(6);
    expect((await downcity(['plugins', 'update', GREETER, '--yes'])).out).toContain(`Updated ${GREETER} 1.1.0 → 1.2.0.`);

    const channel = await downcity(['plugins', 'add', CHANNEL, '--yes']);
    expect(channel.code).toBe(0);
    expect(channel.out).toContain('chat channel');
    expect(channel.out).toContain('configured under services.chat.channels.echo');

    for (const name of [CHANNEL, GREETER]) {
      const removed = await downcity(['plugins', 'remove', name]);
      expect(removed.code).toBe(0);
      expect(removed.out).toContain(`Removed ${name}: uninstalled and taken out of use.`);
    }
    expect(await readFile(path.join(project.dir, 'downcity.config.ts'), 'utf8')).toBe(CONFIG);
  });

  it('new scaffolds a plugin package with create-downcity; lint checks it (exit 3 until built)', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'downcity-cli-new-'));
    try {
      const created = await downcity(['plugins', 'new', 'acme-echo', '--attach', 'chat/before-reply,chat/inbound', '--dir', path.join(folder, 'acme-echo'), '--no-install'], { json: true });
      expect(created.code).toBe(0);
      expect(created.json()).toMatchObject({ name: 'acme-echo', directory: path.join(folder, 'acme-echo'), attach: ['chat/before-reply', 'chat/inbound'], installed: false });
      const packageJson = JSON.parse(await readFile(path.join(folder, 'acme-echo', 'package.json'), 'utf8')) as { downcity: { id: string; attaches: object } };
      expect(packageJson.downcity).toMatchObject({ id: 'acme-echo', attaches: { 'chat/before-reply': { kind: 'pipeline' }, 'chat/inbound': { kind: 'pipeline' } } });

      const unbuilt = await downcity(['plugins', 'lint', path.join(folder, 'acme-echo')], { json: true });
      expect(unbuilt.code).toBe(3);
      expect(unbuilt.json()).toMatchObject({ ok: false, name: 'acme-echo', problems: [expect.objectContaining({ code: 'ENTRY_MISSING' }), expect.objectContaining({ code: 'REPOSITORY_MISSING', severity: 'warning' })] });
      const sourceOnly = await downcity(['plugins', 'lint', path.join(folder, 'acme-echo'), '--no-load']);
      expect(sourceOnly.code).toBe(0);
      expect(sourceOnly.out).toContain('acme-echo: the manifest is ready to publish');

      const taken = await downcity(['plugins', 'new', 'acme-echo', '--dir', path.join(folder, 'acme-echo'), '--no-install']);
      expect(taken.code).toBe(6);
      expect(taken.err).toContain('already holds a package.json');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('usage errors: a bad --registry, an unknown subcommand', async () => {
    const io = captureIo({ cwd: project.dir, env });
    expect(await runCli(['plugins', 'search', 'x', '--registry', 'not a url'], io)).toBe(2);
    expect(io.err()).toContain('--registry not a url: not an http(s) URL');
    const unknown = captureIo({ cwd: project.dir, env });
    expect(await runCli(['plugins', 'serch', 'x'], unknown)).toBe(2);
    expect(unknown.err()).toContain("Did you mean 'plugins search'?");
  });
});
