import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent, createMemoryStore, IN_PROCESS_ENFORCEMENT, type Agent, type PluginDefinition, type Store } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { openResources, recordingLogger, resourcesLeftOpen, type RecordedLine } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolatedPlugin } from '../src/index.js';
import { probeService } from './probe-service.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const wellBehaved = path.join(fixtures, 'well-behaved');
const hostile = path.join(fixtures, 'hostile');

interface Started {
  agent: Agent;
  runner: ReturnType<ReturnType<typeof probeService>['runner']>;
  store: Store;
  lines: RecordedLine[];
}

let dataDir: string;
let agents: Agent[] = [];
let baseline: Record<string, number>;

beforeEach(async () => {
  baseline = openResources();
  dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-'));
});

afterEach(async () => {
  for (const agent of agents) await agent.stop();
  agents = [];
  await rm(dataDir, { recursive: true, force: true });
  expect(await resourcesLeftOpen(baseline)).toEqual({});
});

async function start(plugin: PluginDefinition, env: Record<string, string> = {}, config: Record<string, unknown> = {}, store: Store = createMemoryStore()): Promise<Started> {
  const probe = probeService();
  const lines: RecordedLine[] = [];
  const agent = createAgent({
    logger: recordingLogger(lines),
    services: [probe.service],
    plugins: [plugin],
    store,
    env,
    config: { agent: { dataDir }, plugins: config } as never,
  });
  agents.push(agent);
  await agent.start();
  return { agent, runner: probe.runner(), store, lines };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('an isolated plugin behaves like the same plugin in process', () => {
  it('guard, pipeline and effect give the same answers, declared host, data folder, declared secret, storage and session calls', async () => {
    // The package as installed, declaring the loopback port of a server started now (next to the fixture, so its zod resolves).
    const greeter = http.createServer((_request, response) => response.end('wb says hello'));
    await new Promise<void>((resolve) => greeter.listen(0, '127.0.0.1', resolve));
    const port = (greeter.address() as net.AddressInfo).port;
    const installed = await mkdtemp(path.join(fixtures, '.run-well-behaved-'));
    const manifest = JSON.parse(await readFile(path.join(wellBehaved, 'package.json'), 'utf8')) as { downcity: { permissions: Record<string, unknown> } };
    manifest.downcity.permissions.network = [`127.0.0.1:${port}`];
    await writeFile(path.join(installed, 'package.json'), JSON.stringify(manifest));
    await copyFile(path.join(wellBehaved, 'index.js'), path.join(installed, 'index.js'));
    const outcomes = [];
    const enforced: string[][] = [];
    try {
      const inProcess = (await import(path.join(installed, 'index.js'))).default as PluginDefinition;
      for (const plugin of [inProcess, await isolatedPlugin(installed, { networkIsolation: 'require' })]) {
        const { agent, runner, store } = await start(plugin, { WB_TOKEN: 'tok-1', OTHER_SECRET: 'nope' }, { 'well-behaved': { prefix: '> ', greetingUrl: `http://127.0.0.1:${port}/` } });
        const allowed = await runner.guard('probe/check', { text: 'fine' });
        const denied = await runner.guard('probe/check', { text: 'bad words' });
        const shaped = await runner.pipeline('probe/shape', { text: 'hello' });
        await runner.effect('probe/seen', { id: 'm1', text: 'hi' });
        const seen = await store.collection('well-behaved:seen').get('m1');
        const session = (await agent.session.get('seen:m1'))?.metadata;
        outcomes.push({ allowed, denied, shaped, seen, session });
        enforced.push(agent.packages().find((entry) => entry.id === 'well-behaved')?.enforced ?? []);
        await agent.stop();
        await rm(path.join(dataDir, 'plugins'), { recursive: true, force: true });
      }
    } finally {
      await rm(installed, { recursive: true, force: true });
      await new Promise((resolve) => greeter.close(resolve));
    }
    expect(outcomes[0]).toEqual({
      allowed: { allow: true },
      denied: { allow: false, reason: '"bad words" is not allowed', by: 'well-behaved' },
      shaped: { text: '> HELLO', token: 'tok-1', greeting: 'wb says hello' },
      seen: { text: 'hi' },
      session: { seenBy: 'well-behaved', modelAvailable: false },
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
    // What the console and `plugins list` show: nothing enforced in process; each mechanism named isolated.
    expect(enforced[0]).toEqual([IN_PROCESS_ENFORCEMENT]);
    expect(enforced[1]).toEqual(expect.arrayContaining(['own process (isolated plugin host)', expect.stringMatching(/^files: .*Node permission model/), expect.stringMatching(/^memory: heap limit 128 MiB/)]));
  });

  it('a config the plugin\'s own schema refuses fails the call with the schema\'s message, and a guard denies', async () => {
    const { runner } = await start(await isolatedPlugin(wellBehaved), {}, { 'well-behaved': { prefix: 42 } });
    const verdict = await runner.guard('probe/check', { text: 'fine' });
    expect(verdict.allow).toBe(false);
    expect(verdict).toMatchObject({ by: 'well-behaved' });
    expect((verdict as { reason: string }).reason).toContain('plugins.well-behaved.prefix');
  });
});

describe('a misbehaving guard in an isolated host fails closed', () => {
  it('a throw denies with the plugin\'s message; the next call is served by the same host', async () => {
    const { runner } = await start(await isolatedPlugin(hostile));
    const verdict = await runner.guard('probe/check', { text: 'x', mode: 'throw' });
    expect(verdict).toEqual({ allow: false, reason: 'guard "hostile" failed: hostile guard threw', by: 'hostile', failed: true });
    expect(await runner.guard('probe/check', { text: 'x' })).toEqual({ allow: true });
  });

  it('a payload that cannot cross the boundary denies with the reason, and the host keeps serving', async () => {
    const { runner } = await start(await isolatedPlugin(hostile));
    const verdict = await runner.guard('probe/check', { text: 'x', mode: (() => 'allow') as never });
    expect(verdict).toMatchObject({ allow: false, by: 'hostile' });
    expect((verdict as { reason: string }).reason).toContain('cannot be sent to the isolated host of plugin "hostile"');
    expect(await runner.guard('probe/check', { text: 'x' })).toEqual({ allow: true });
  });

  it('a crash denies with the exit reason, and the host restarts after its backoff', async () => {
    const { runner, lines } = await start(await isolatedPlugin(hostile, { initialBackoffMs: 100 }));
    const verdict = await runner.guard('probe/check', { text: 'x', mode: 'crash' });
    expect(verdict).toMatchObject({ allow: false, by: 'hostile' });
    expect((verdict as { reason: string }).reason).toContain('exited with code 3');
    expect(lines.some((line) => line.level === 'error' && String(line.message).includes('exited with code 3'))).toBe(true);
    expect(await eventually(() => runner.guard('probe/check', { text: 'x' }), (v) => v.allow)).toEqual({ allow: true });
  });

  it('a busy loop times out, denies, and the hung host is killed and replaced', async () => {
    const { runner } = await start(await isolatedPlugin(hostile, { initialBackoffMs: 100 }));
    const verdict = await runner.guard('probe/check', { text: 'x', mode: 'hang' });
    expect(verdict).toMatchObject({ allow: false, by: 'hostile' });
    expect((verdict as { reason: string }).reason).toContain('did not finish within 5000 ms');
    expect(await eventually(() => runner.guard('probe/check', { text: 'x' }), (v) => v.allow)).toEqual({ allow: true });
  }, 30_000);

  it('calls sent while one spins go to the next host: that one denies with the reason, the others are answered', async () => {
    const { runner } = await start(await isolatedPlugin(hostile, { initialBackoffMs: 100, ackTimeoutMs: 500 }));
    expect(await runner.guard('probe/check', { text: 'x' })).toEqual({ allow: true });
    // The channel is ordered: the host reads the spinning call first and never takes the three after it.
    const spinning = runner.guard('probe/check', { text: 'x', mode: 'hang' });
    const others = await Promise.all([1, 2, 3].map(() => runner.guard('probe/check', { text: 'x' })));
    expect(others).toEqual([{ allow: true }, { allow: true }, { allow: true }]);
    const verdict = await spinning;
    expect(verdict).toMatchObject({ allow: false, by: 'hostile', failed: true });
    expect((verdict as { reason: string }).reason).toContain('did not take a call within 500 ms (its event loop is blocked');
  }, 30_000);

  it('an allocation bomb hits the heap limit, denies, and the agent keeps answering', async () => {
    const { runner, agent } = await start(await isolatedPlugin(hostile, { maxHeapMb: 32, initialBackoffMs: 100 }));
    const bomb = runner.guard('probe/check', { text: 'x', mode: 'heap' });
    // The agent's own work goes on meanwhile.
    expect(await agent.invoke('probe/secret', {})).toEqual({ secret: 's3cret' });
    const verdict = await bomb;
    expect(verdict).toMatchObject({ allow: false, by: 'hostile' });
    expect((verdict as { reason: string }).reason).toContain('ran out of its heap limit');
    expect(await eventually(() => runner.guard('probe/check', { text: 'x' }), (v) => v.allow)).toEqual({ allow: true });
  }, 30_000);
});

/** A loopback port that accepts connections, as an agent's console or database would. */
async function listening(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('what an isolated plugin did not declare, it cannot do', () => {
  it('files outside its folder, writes, a shell, undeclared secrets and actions all fail inside the host', async () => {
    const outside = path.join(dataDir, 'agent.env');
    await writeFile(outside, 'OPENAI_API_KEY=sk-agent');
    // The agent's real libSQL database, open (and written) while the plugin runs.
    const databaseFile = path.join(dataDir, 'downcity.db');
    const { runner, store } = await start(
      await isolatedPlugin(hostile, { networkIsolation: 'require' }),
      { DECLARED_SECRET: 'ok-1', UNDECLARED_SECRET: 'sk-leak', PATH: process.env.PATH ?? '' },
      {},
      createLibsqlStore({ path: databaseFile }),
    );
    const server = await listening();
    const seen = await runner.pipeline('probe/shape', { outsideFile: outside, writeTarget: path.join(dataDir, 'owned.txt'), port: server.port, databaseFile });
    await server.close();
    expect(seen.readOutside).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(seen.readDatabase).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    // No descriptor of the agent's (the database, the .env it read) is open in the host.
    expect(seen.inheritedFiles).toEqual([]);
    expect(seen.writeOutside).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(seen.spawnShell).toMatchObject({ ok: false, code: 'ERR_ACCESS_DENIED' });
    expect(seen.connectLoopback).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
    expect(seen.undeclaredEnv).toBeNull();
    expect(seen.declaredEnv).toBe('ok-1');
    // bubblewrap sets PWD, the working directory process.cwd() shows anyway; nothing else of the agent's env is there.
    expect((seen.envNames as string[]).filter((name) => name !== 'PWD')).toEqual(['DECLARED_SECRET']);
    expect(seen.invokeUndeclared).toMatchObject({ ok: false, code: 'DENIED' });
    expect((seen.invokeUndeclared as { message: string }).message).toContain('may not invoke "probe/secret"');
    // Storage works, in its own namespace only.
    expect(seen.storage).toEqual({ ok: true, value: { v: 1 } });
    expect(await store.collection('hostile:loot').get('k')).toEqual({ v: 1 });
  });

  it('the same plugin in process could do all of it (the test would catch a no-op sandbox)', async () => {
    const outside = path.join(dataDir, 'agent.env');
    await writeFile(outside, 'OPENAI_API_KEY=sk-agent');
    const inProcess = (await import(path.join(hostile, 'index.js'))).default as PluginDefinition;
    const databaseFile = path.join(dataDir, 'downcity.db');
    const { runner } = await start(inProcess, {}, {}, createLibsqlStore({ path: databaseFile }));
    const server = await listening();
    const seen = await runner.pipeline('probe/shape', { outsideFile: outside, writeTarget: path.join(dataDir, 'owned.txt'), port: server.port, databaseFile });
    await server.close();
    expect(seen.readOutside).toEqual({ ok: true, value: 'OPENAI_API_KEY=sk-agent' });
    expect(seen.readDatabase).toEqual({ ok: true, value: 'SQLite format 3' });
    expect((seen.inheritedFiles as { head: string }[]).some((file) => file.head.startsWith('SQLite format 3'))).toBe(true);
    expect(seen.writeOutside).toMatchObject({ ok: true });
    expect(seen.spawnShell).toMatchObject({ ok: true });
    expect(seen.connectLoopback).toEqual({ ok: true, value: 'connected' });
  });

  it('without bubblewrap, "require" refuses to load the plugin and says how to fix it', async () => {
    const { networkEnforcement } = await import('../src/index.js');
    const { PermissionsSchema } = await import('@downcity/core');
    expect(() => networkEnforcement(PermissionsSchema.parse({}), { isolation: 'require', searchPath: dataDir })).toThrow(/apt-get install bubblewrap/);
    expect(networkEnforcement(PermissionsSchema.parse({}), { searchPath: dataDir })).toMatchObject({ state: 'unenforced' });
    const hosts = PermissionsSchema.parse({ network: ['api.acme.test'] });
    expect(networkEnforcement(hosts)).toMatchObject({ state: 'allowlist', how: 'network only to api.acme.test (egress proxy; bubblewrap --unshare-net)' });
    expect(() => networkEnforcement(hosts, { isolation: 'require', searchPath: dataDir })).toThrow(/limited to its declared hosts.*apt-get install bubblewrap/);
    expect(networkEnforcement(hosts, { searchPath: dataDir })).toEqual({ state: 'unenforced', how: 'network not limited to api.acme.test: bubblewrap (bwrap) is not installed' });
    expect(networkEnforcement(PermissionsSchema.parse({ network: true }))).toMatchObject({ state: 'open', how: expect.stringContaining('any host') });
  });
});
