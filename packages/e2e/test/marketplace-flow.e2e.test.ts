import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeOpenAI, type FakeOpenAI } from '@downcity/testing';
import {
  listPublicPackages,
  publishWorkspace,
  startRegistryRouter,
  startVerdaccio,
  writeFixturePackage,
  type RegistryRouter,
  type Verdaccio,
} from '@downcity/verdaccio-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../src/agent-process.js';
import { prepareNpmCache, upstreamRegistry, writeE2eNpmConfig, type E2eNpmConfig } from '../src/e2e-npm-config.js';
import { createPhaseTimer } from '../src/phase-timer.js';
import { runOk, runProcess, type ProcessResult } from '../src/run-process.js';

// The whole life of a third-party plugin, through a real registry: every public package is
// published from the workspace to verdaccio (127.0.0.1, no uplinks, temp storage); create-downcity
// runs from the registry and installs the agent from it (third-party dependencies from the npm
// registry); a plugin is scaffolded with `downcity plugins new`, built, linted, published, found,
// added, verified and seen acting on a chat turn of the running agent; plugins with a wrong core
// range or a broken manifest are refused without touching the project.

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = path.resolve(packageDir, '../..');
const PLUGIN = 'acme-greeter';
const FUTURE = 'acme-future-greeter';
const BROKEN = 'acme-broken-greeter';
const TOKEN = 'e2e-http-token-0123456789';

const timer = createPhaseTimer();
let temp: string;
let registry: Verdaccio | undefined;
let router: RegistryRouter | undefined;
let npm: E2eNpmConfig;
let fake: FakeOpenAI | undefined;
let agent: AgentProcess | undefined;
let agentDir: string;
let pluginDir: string;
let createVersion: string;
let coreVersion: string;

/** Runs the agent's own `downcity` (installed from the registry) in the agent folder. */
function downcity(args: string[], env: Record<string, string | undefined> = npm.env): Promise<ProcessResult> {
  return runProcess(path.join(agentDir, 'node_modules', '.bin', 'downcity'), args, { cwd: agentDir, env, timeoutMs: 180_000 });
}

const parse = (result: ProcessResult): Record<string, unknown> => {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
};

async function projectFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of ['package.json', 'package-lock.json', 'downcity.config.ts']) files[file] = await readFile(path.join(agentDir, file), 'utf8');
  return files;
}

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'downcity-e2e-'));
  agentDir = path.join(temp, 'my-agent');
  pluginDir = path.join(temp, PLUGIN);
  const read = async (folder: string) => JSON.parse(await readFile(path.join(workspaceRoot, folder, 'package.json'), 'utf8')) as { version: string };
  createVersion = (await read('packages/create-downcity')).version;
  coreVersion = (await read('packages/core')).version;
});

afterAll(async () => {
  await agent?.stop();
  await fake?.close();
  await router?.close();
  await registry?.close();
  if (temp) await rm(temp, { recursive: true, force: true });
  console.log(timer.summary());
}, 60_000);

describe('the marketplace end to end, through a real registry', () => {
  it('starts verdaccio (127.0.0.1, no uplinks, temp storage) and publishes every public package from the workspace', async () => {
    await timer.phase('registry', async () => {
      registry = await startVerdaccio();
      const upstream = await upstreamRegistry(temp);
      router = await startRegistryRouter({ local: registry.url, upstream, localOnly: (name) => name.startsWith('@downcity/') || name === 'create-downcity' });
      const cache = await prepareNpmCache({ packageDir, tempDir: temp });
      npm = await writeE2eNpmConfig({ dir: temp, router: router.url, verdaccio: registry.url, token: registry.token, cache });
    });
    expect(registry?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const published = await timer.phase('publish', async () => {
      const active = registry as Verdaccio;
      return publishWorkspace({ workspaceRoot, registry: active.url, token: active.token, userconfig: active.userconfig });
    });
    expect(published.report.problems).toEqual([]);
    const names = published.packages.map((item) => item.name);
    expect(names).toContain('create-downcity');
    expect(names.filter((name) => !name.startsWith('@downcity/') && name !== 'create-downcity')).toEqual([]);
    // Every public package is a devDependency here, so turbo builds them all before this test.
    const declared = Object.keys((JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { devDependencies: object }).devDependencies);
    expect((await listPublicPackages(workspaceRoot)).map((item) => item.name).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('runs create-downcity from the registry, which installs the agent from it', async () => {
    const active = router as RegistryRouter;
    const created = await timer.phase('create', () =>
      runOk(
        'npm',
        ['exec', '--yes', '--registry', active.url, `create-downcity@${createVersion}`, '--', 'my-agent', '--yes', '--model', 'none', '--channels', 'http', '--with', 'chat', '--package-manager', 'npm'],
        { cwd: temp, env: npm.env, timeoutMs: 300_000 },
      ),
    );
    expect(created.stdout).toContain('my-agent');
    const packageJson = JSON.parse(await readFile(path.join(agentDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packageJson.dependencies).toMatchObject({ '@downcity/cli': coreVersion, '@downcity/core': coreVersion, '@downcity/chat': coreVersion });
    const lock = JSON.parse(await readFile(path.join(agentDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; resolved?: string }> };
    const verdaccioUrl = (registry as Verdaccio).url;
    for (const name of ['@downcity/core', '@downcity/cli', '@downcity/marketplace', 'create-downcity']) {
      expect(lock.packages[`node_modules/${name}`]?.resolved, name).toMatch(new RegExp(`^${verdaccioUrl}`));
    }
    const routed = active.routed();
    expect(routed.local).toContain('create-downcity');
    expect(routed.upstream).toContain('zod');
    expect(routed.upstream.filter((name) => name.startsWith('@downcity/') || name === 'create-downcity')).toEqual([]);
  });

  it('scaffolds a third-party plugin with `downcity plugins new`, builds and lints it, and publishes it', async () => {
    const scaffold = await timer.phase('scaffold', () => downcity(['plugins', 'new', PLUGIN, '--attach', 'chat/before-reply', '--dir', pluginDir, '--package-manager', 'npm']));
    expect(scaffold.code, scaffold.stderr).toBe(0);
    const manifest = (JSON.parse(await readFile(path.join(pluginDir, 'package.json'), 'utf8')) as { downcity: Record<string, unknown> }).downcity;
    expect(manifest).toMatchObject({ id: PLUGIN, kind: 'plugin', attaches: { 'chat/before-reply': { kind: 'pipeline' } } });

    const lint = await timer.phase('build+lint', async () => {
      await runOk('npm', ['run', 'build'], { cwd: pluginDir, env: npm.env });
      // Its own lint script (create-downcity --lint, from the registry) and the CLI's: one implementation.
      await runOk('npm', ['run', 'lint'], { cwd: pluginDir, env: npm.env });
      return downcity(['plugins', 'lint', pluginDir, '--json']);
    });
    expect(lint.code, lint.stdout).toBe(0);
    expect(parse(lint)).toMatchObject({ ok: true, name: PLUGIN, kind: 'plugin', coreVersion });
    expect((parse(lint).problems as Array<{ severity: string }>).filter((problem) => problem.severity === 'error')).toEqual([]);

    // npm publish runs the scaffold's prepublishOnly: build, typecheck, its tests, lint.
    await timer.phase('publish plugin', () =>
      runOk('npm', ['publish', '--registry', (registry as Verdaccio).url], { cwd: pluginDir, env: { ...npm.env, npm_config_userconfig: (registry as Verdaccio).userconfig }, timeoutMs: 240_000 }),
    );
  });

  it('finds the plugin with `downcity plugins search`, adds it with --yes, and verifies it', async () => {
    const search = await timer.phase('search', () => downcity(['plugins', 'search', 'greeter', '--json']));
    expect(search.code, search.stderr).toBe(0);
    const results = parse(search).results as Array<Record<string, unknown>>;
    expect(results.map((result) => result.name)).toEqual([PLUGIN]);
    expect(results[0]).toMatchObject({
      name: PLUGIN,
      version: '0.1.0',
      kind: 'plugin',
      id: PLUGIN,
      extensionPoints: [{ point: 'chat/before-reply', kind: 'pipeline', role: 'attaches' }],
      permissions: { sensitive: false, lines: ['network: none', 'runs programs: no', 'files: none', 'secrets: none'] },
      coreRange: `^${coreVersion}`,
      coreVersion,
      compatible: true,
      compatibleVersion: '0.1.0',
    });

    const added = await timer.phase('add', () => downcity(['plugins', 'add', PLUGIN, '--yes', '--json']));
    expect(added.code, added.stdout + added.stderr).toBe(0);
    expect(parse(added)).toMatchObject({ name: PLUGIN, version: '0.1.0', packageManager: 'npm', configChanged: true, changed: true, load: { ok: true, kind: 'plugin', id: PLUGIN } });
    expect((JSON.parse(await readFile(path.join(agentDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[PLUGIN]).toBe('0.1.0');
    expect(await readFile(path.join(agentDir, 'downcity.config.ts'), 'utf8')).toContain(`'${PLUGIN}',`);

    const verify = await timer.phase('verify', () => downcity(['plugins', 'verify', PLUGIN, '--json']));
    expect(verify.code, verify.stdout).toBe(0);
    expect(parse(verify)).toMatchObject({ name: PLUGIN, ok: true, checks: [{ check: 'integrity', ok: true }, { check: 'files', ok: true }, { check: 'manifest', ok: true }, { check: 'load', ok: true }] });
  });

  it('starts the agent with a fake model and sees the plugin act on a chat turn over HTTP', async () => {
    const reply = await timer.phase('agent', async () => {
      fake = await startFakeOpenAI();
      // A free port: 0, and the bound URL from `downcity status`.
      const configFile = path.join(agentDir, 'downcity.config.ts');
      await writeFile(configFile, (await readFile(configFile, 'utf8')).replace('port: 8787', 'port: 0'));
      // Model providers are optional peers of @downcity/core: the user installs the one the model names.
      await runOk('npm', ['install', '--registry', (router as RegistryRouter).url, '@ai-sdk/openai-compatible@3.0.97'], { cwd: agentDir, env: npm.env, timeoutMs: 300_000 });
      const env = { ...npm.env, DOWNCITY_MODEL: 'openai-compatible:fake', DOWNCITY_MODEL_BASE_URL: fake.baseURL, DOWNCITY_HTTP_TOKEN: TOKEN, DOWNCITY_LOG_LEVEL: 'warn' };
      agent = await startAgentProcess({ dir: agentDir, env });
      expect(agent.status.packages).toContainEqual(expect.objectContaining({ id: PLUGIN, kind: 'plugin', name: PLUGIN, version: '0.1.0' }));
      // Ada speaks with her own token (the shared token speaks only as http:shared).
      const created = await downcity(['auth', 'token', 'create', 'ada', '--json'], env);
      expect(created.code, created.stdout + created.stderr).toBe(0);
      const response = await fetch(`${agent.httpUrl}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${String(parse(created).token)}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'what is new?', chatId: 'e2e', user: 'ada' }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'answered', text: `echo: what is new?\n\n— sent by ${PLUGIN}` });
    expect(fake?.chatRequests).toHaveLength(1);
  });

  it('refuses a plugin for another core, one with a broken manifest and an unconfirmed add, leaving package.json, lockfile and config byte-identical', async () => {
    const before = await projectFiles();
    const results = await timer.phase('refusals', async () => {
      const fixtures = path.join(temp, 'fixtures');
      const active = registry as Verdaccio;
      const manifest = { id: 'future-greeter', kind: 'plugin', attaches: { 'chat/before-reply': { kind: 'pipeline' } } };
      await active.publish(await writeFixturePackage(fixtures, { name: FUTURE, version: '1.0.0', coreRange: '^9.0.0', keywords: ['downcity-plugin'], manifest }), { tool: 'npm' });
      const broken = { id: 'Broken Greeter', kind: 'plugin', attaches: { 'chat/before-reply': { kind: 'sideways' } }, permissions: { filesystem: 'everything' } };
      await active.publish(await writeFixturePackage(fixtures, { name: BROKEN, version: '1.0.0', coreRange: `^${coreVersion}`, keywords: ['downcity-plugin'], manifest: broken }), { tool: 'npm' });
      return {
        future: await downcity(['plugins', 'add', FUTURE, '--yes', '--json']),
        broken: await downcity(['plugins', 'add', BROKEN, '--yes']),
        // No terminal and no --yes: nobody confirmed what it asks for.
        unconfirmed: await downcity(['plugins', 'add', '@downcity/channel-telegram']),
      };
    });
    expect(results.future.code).toBe(6);
    expect(parse(results.future).error).toMatchObject({
      code: 'VERSION_MISMATCH',
      exitCode: 6,
      message: `${FUTURE}@1.0.0 needs @downcity/core ^9.0.0, but this project has @downcity/core ${coreVersion}. Pick a version that supports your core, or upgrade @downcity/core.`,
      details: { reason: 'core-incompatible' },
    });
    expect(results.broken.code).toBe(6);
    expect(results.broken.stderr).toContain(`error: ${BROKEN}@1.0.0 has an invalid "downcity" manifest:`);
    expect(results.broken.stderr).toMatch(/downcity\.id: /);
    expect(results.broken.stderr).toMatch(/downcity\.attaches\.chat\/before-reply\.kind: /);
    expect(results.broken.stderr).toMatch(/downcity\.permissions\.filesystem: /);
    expect(results.unconfirmed.code).toBe(6);
    expect(results.unconfirmed.stderr).toContain('needs confirmation of the permissions it asks for');
    expect(await projectFiles()).toEqual(before);
    for (const name of [FUTURE, BROKEN]) await expect(readFile(path.join(agentDir, 'node_modules', name, 'package.json'))).rejects.toThrow();
  });

  it('adds, verifies and removes a chat channel package (@downcity/channel-telegram: keyword, no manifest)', async () => {
    const before = await projectFiles();
    const { added, verified, removed } = await timer.phase('channel', async () => ({
      added: await downcity(['plugins', 'add', '@downcity/channel-telegram', '--yes', '--json']),
      verified: await downcity(['plugins', 'verify', '@downcity/channel-telegram', '--json']),
      removed: await downcity(['plugins', 'remove', '@downcity/channel-telegram', '--json']),
    }));
    expect(added.code, added.stdout + added.stderr).toBe(0);
    expect(parse(added)).toMatchObject({ listing: { kind: 'channel', compatible: true }, load: { ok: true, kind: 'channel', id: 'telegram' } });
    expect((parse(added).warnings as string[]).join('\n')).toContain('configured under services.chat.channels.telegram');
    expect(verified.code, verified.stdout).toBe(0);
    expect(parse(verified)).toMatchObject({ ok: true });
    expect(removed.code, removed.stdout + removed.stderr).toBe(0);
    expect((await projectFiles())['downcity.config.ts']).toBe(before['downcity.config.ts']);
  });

  it('stops the agent and the registry', async () => {
    const code = await timer.phase('stop', async () => {
      const stopped = await (agent as AgentProcess).stop();
      await fake?.close();
      await router?.close();
      await registry?.close();
      return stopped;
    });
    expect(code, (agent as AgentProcess).stderr()).toBe(0);
    await expect(fetch(`${(registry as Verdaccio).url}-/ping`)).rejects.toThrow();
  });
});
