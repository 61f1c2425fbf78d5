import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IN_PROCESS_ENFORCEMENT } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { startConsoleAgent, type ConsoleAgent } from '../../test/start-console-agent.js';

const CHAT_DIR = fileURLToPath(new URL('../../../../services/chat', import.meta.url));

/** Signs in with a fresh link; answers a GET and a POST (own origin, CSRF token) for the console API. */
async function apiOf(harness: ConsoleAgent) {
  const response = await fetch(await harness.signInLink(), { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await (await fetch(`${harness.consoleUrl}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return {
    get: async (apiPath: string) => {
      const answer = await fetch(`${harness.consoleUrl}/api/${apiPath}`, { headers: { cookie } });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    },
    post: async (apiPath: string, body: unknown) => {
      const answer = await fetch(`${harness.consoleUrl}/api/${apiPath}`, {
        method: 'POST',
        headers: { cookie, origin: harness.origin, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    },
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

const config = (use: string[]) => `export default { use: ${JSON.stringify(use)} };\n`;

describe('the Plugins API', () => {
  it('lists what the running agent loaded with permissions; without a project folder it cannot add', async () => {
    await using harness = await startConsoleAgent();
    const api = await apiOf(harness);
    const installed = await api.get('plugins');
    expect(installed.status).toBe(200);
    expect(installed.body).toMatchObject({ projectDir: null, restartNeeded: [] });
    const packages = installed.body.packages as { name: string; kind: string; builtIn: boolean; permissions: unknown; permissionLines: string[]; enforced: string[]; actions: { name: string }[] }[];
    expect(packages.map((entry) => [entry.name, entry.kind, entry.builtIn])).toEqual([
      ['@downcity/core', 'service', true],
      ['@downcity/chat', 'service', false],
      ['test-weather', 'service', false],
      ['@downcity/console', 'service', false],
    ]);
    const consolePackage = packages.find((entry) => entry.name === '@downcity/console');
    expect(consolePackage?.permissions).toEqual({ network: true, exec: true, filesystem: 'workspace', secrets: [], logs: true, uses: [] });
    expect(consolePackage?.permissionLines).toEqual(['network: any host', 'runs programs: yes', 'files: workspace', 'secrets: none', "reads the agent's logs (redacted): yes"]);
    expect(consolePackage?.actions.map((action) => action.name)).toEqual(['console/sign-in-link']);
    // Services run in the agent's process: the page says plainly that none of what they ask for is enforced.
    expect(consolePackage?.enforced).toEqual([IN_PROCESS_ENFORCEMENT]);

    const add = await api.post('plugins/add', { name: '@acme/downcity-greeter', version: '1.0.0', acceptedPermissions: null });
    expect(add.status).toBe(409);
    expect(add.body).toMatchObject({ error: { code: 'PROJECT_UNKNOWN', message: expect.stringContaining('downcity start') } });
    expect((await api.get('plugins/listing?name=@acme/downcity-greeter')).body).toMatchObject({ error: { code: 'PROJECT_UNKNOWN' } });
  });

  it('refuses bad input with what to fix', async () => {
    await using harness = await startConsoleAgent();
    const api = await apiOf(harness);
    expect(await api.get('plugins/listing?name=Not%20A%20Name')).toEqual({
      status: 400,
      body: { error: { code: 'INPUT_INVALID', message: 'Query name="Not A Name": must be an npm package name such as "@acme/downcity-weather".' } },
    });
    expect((await api.get('plugins/listing?name=@acme/x&version=latest')).body).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringContaining('must be an exact version') } });
    expect((await api.get(`plugins/market?q=${'a'.repeat(201)}`)).status).toBe(400);
    const add = await api.post('plugins/add', { name: '@acme/x', version: '1.0.0', acceptedPermissions: { network: true }, extra: 1 });
    expect(add.status).toBe(400);
    expect(add.body).toMatchObject({ error: { code: 'INPUT_INVALID', message: expect.stringMatching(/acceptedPermissions\.exec/) } });
  });

  it('says what needs a restart: packages added, updated or removed in the project since the agent started', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'downcity-plugins-restart-'));
    try {
      const chatVersion = (JSON.parse(await readFile(path.join(CHAT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
      await writeJson(path.join(dir, 'package.json'), { name: 'restart-test', private: true });
      await writeFile(path.join(dir, 'downcity.config.ts'), config(['@downcity/chat', '@acme/echo-channel']));
      await mkdir(path.join(dir, 'node_modules', '@downcity'), { recursive: true });
      await symlink(CHAT_DIR, path.join(dir, 'node_modules', '@downcity', 'chat'));
      await writeJson(path.join(dir, 'node_modules', '@acme', 'echo-channel', 'package.json'), { name: '@acme/echo-channel', version: '1.0.0', keywords: ['downcity-channel'] });

      await using harness = await startConsoleAgent({ projectDir: dir });
      const api = await apiOf(harness);
      const atStart = await api.get('plugins');
      expect(atStart.body).toMatchObject({ projectDir: dir, restartNeeded: [] });
      expect((atStart.body.packages as { name: string; kind: string }[]).filter((entry) => entry.kind === 'channel')).toEqual([
        expect.objectContaining({ name: '@acme/echo-channel', version: '1.0.0', permissions: null, permissionLines: [expect.stringMatching(/^none declared/)] }),
      ]);

      // While it runs: the channel leaves use, a plugin joins it, and chat is replaced by another version.
      await writeFile(path.join(dir, 'downcity.config.ts'), config(['@downcity/chat', '@acme/greeter']));
      await writeJson(path.join(dir, 'node_modules', '@acme', 'greeter', 'package.json'), {
        name: '@acme/greeter',
        version: '1.2.0',
        keywords: ['downcity-plugin'],
        peerDependencies: { '@downcity/core': '*' },
        downcity: { id: 'greeter', kind: 'plugin' },
      });
      const chatManifest = JSON.parse(await readFile(path.join(CHAT_DIR, 'package.json'), 'utf8')) as Record<string, unknown>;
      await rm(path.join(dir, 'node_modules', '@downcity', 'chat'));
      await writeJson(path.join(dir, 'node_modules', '@downcity', 'chat', 'package.json'), { ...chatManifest, version: '9.9.9' });

      expect((await api.get('plugins')).body.restartNeeded).toEqual([
        { name: '@downcity/chat', change: 'updated', kind: 'service', version: '9.9.9', runningVersion: chatVersion },
        { name: '@acme/greeter', change: 'added', kind: 'plugin', version: '1.2.0' },
        { name: '@acme/echo-channel', change: 'removed', kind: 'channel', runningVersion: '1.0.0' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
