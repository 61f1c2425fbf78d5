import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@downcity/core';
import { startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { sendHttpMessage } from '../../test/http-message.js';
import { runCli } from '../cli/run-cli.js';
import { loadProject } from './load-project.js';

const silent = createLogger({ level: 'silent', destination: { write: () => {} } });
const cliModules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules');

// A third-party plugin installed from a registry: it tells in every reply whether it runs under Node's permission model.
const PLUGIN_JSON = JSON.stringify({
  name: 'acme-signature',
  version: '1.0.0',
  type: 'module',
  exports: { '.': './index.js' },
  keywords: ['downcity-plugin'],
  downcity: { id: 'acme-signature', kind: 'plugin', attaches: { 'chat/before-reply': { kind: 'pipeline' } } },
});
const PLUGIN_JS = `import { readFileSync } from 'node:fs';
export default {
  kind: 'plugin',
  package: JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')),
  setup: () => ({ handlers: { 'chat/before-reply': (draft) => ({ ...draft, text: draft.text + ' [sandboxed: ' + (process.permission?.has('fs.read', '/etc/passwd') === false) + ']' }) } }),
};
`;

/** A project whose node_modules hold the CLI's own packages plus the installed third-party plugin. */
async function project(isolation: string): Promise<{ dir: string } & AsyncDisposable> {
  const dir = await mkdtemp(path.join(tmpdir(), 'downcity-iso-'));
  await mkdir(path.join(dir, 'node_modules', 'acme-signature'), { recursive: true });
  for (const name of await readdir(cliModules)) await symlink(path.join(cliModules, name), path.join(dir, 'node_modules', name), 'dir');
  await writeFile(path.join(dir, 'node_modules', 'acme-signature', 'package.json'), PLUGIN_JSON);
  await writeFile(path.join(dir, 'node_modules', 'acme-signature', 'index.js'), PLUGIN_JS);
  await writeFile(
    path.join(dir, 'downcity.config.ts'),
    `export default { use: ['@downcity/chat', 'acme-signature'], services: { chat: { channels: { http: { port: 0, token: 'tok' } } } }${isolation} };\n`,
  );
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

async function replyWith(isolation: string): Promise<{ text: unknown; module: Record<string, unknown> | undefined }> {
  await using fake = await startFakeOpenAI();
  await using folder = await project(isolation);
  const loaded = await loadProject(folder.dir, { env: {}, logger: silent, model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake' } });
  await loaded.agent.start();
  try {
    const { channels } = await loaded.agent.invoke('chat/channels', {});
    const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
    fake.enqueue({ text: 'Hello.' });
    const reply = await sendHttpMessage({ url, token: 'tok', text: 'hi', chatId: 'c1' });
    return { text: reply.body.text, module: loaded.packages.find((entry) => entry.id === 'acme-signature')?.module };
  } finally {
    await loaded.agent.stop();
  }
}

describe('isolation settings in the project config', () => {
  it('runs a third-party plugin in an isolated host by default, never importing it into the agent', async () => {
    const { text, module } = await replyWith('');
    expect(text).toBe('Hello. [sandboxed: true]');
    expect(module).toEqual({});
  });

  it('with isolation.thirdParty: false, imports it into the agent as before (full trust)', async () => {
    const { text, module } = await replyWith(`, isolation: { thirdParty: false }`);
    expect(text).toBe('Hello. [sandboxed: false]');
    expect(module).toHaveProperty('default');
  });

  it('isolation.plugins.<id> overrides thirdParty either way', async () => {
    expect((await replyWith(`, isolation: { thirdParty: true, plugins: { 'acme-signature': false } }`)).text).toBe('Hello. [sandboxed: false]');
    expect((await replyWith(`, isolation: { thirdParty: false, plugins: { 'acme-signature': true } }`)).text).toBe('Hello. [sandboxed: true]');
  });

  it('plugins list says which packages run isolated and which in the agent\'s process', async () => {
    await using folder = await project('');
    const io = captureIo({ cwd: folder.dir });
    expect(await runCli(['plugins', 'list'], io)).toBe(0);
    const out = io.out();
    const block = (name: string): string => out.slice(out.indexOf(name)).split('\n\n')[0]!.split(/\n(?=\S)/)[0]!;
    expect(block('acme-signature@1.0.0')).toContain('runs         isolated: own process, its permissions enforced');
    expect(block('@downcity/chat@')).toContain("runs         in the agent's process: nothing of its permissions is enforced");
  });

  it('refuses a bad isolation setting with the field and what to write', async () => {
    await using folder = await project(`, isolation: { network: 'sometimes' }`);
    await expect(loadProject(folder.dir, { env: {}, logger: silent })).rejects.toThrow(/isolation\.network.*"auto", "require" or "off"/s);
  });
});
