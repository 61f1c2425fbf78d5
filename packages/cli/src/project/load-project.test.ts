import { PassThrough } from 'node:stream';
import { DowncityError, createLogger } from '@downcity/core';
import { startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../../test/fixture-project.js';
import { sendHttpMessage } from '../../test/http-message.js';
import { loadProject } from './load-project.js';

const silent = createLogger({ level: 'silent', destination: { write: () => {} } });

const CONFIG = `import { defineConfig } from '@downcity/core';
export default defineConfig({
  agent: { name: 'fixture', stopGraceMs: 2000 },
  use: ['@downcity/chat', './src/signature.ts', './src/greeter.ts'],
  services: { chat: { channels: { http: { port: 0, token: '\${HTTP_TOKEN}' } } } },
  plugins: { signature: { suffix: '\${SIGNATURE:-(sent by fixture)}' } },
});
`;

// A local plugin: a default export, a config schema, a pipeline handler and a chat command.
const SIGNATURE = `import { definePlugin } from '@downcity/core';
import { z } from 'zod';
export const chatCommands = [{ name: 'ping', description: 'Answers pong', run: () => 'pong' }];
export default definePlugin({
  package: { name: 'fixture-signature', version: '1.2.3', downcity: { id: 'signature', kind: 'plugin', requires: { chat: '^0.1.0' }, attaches: { 'chat/before-reply': { kind: 'pipeline' } } } },
  config: z.object({ suffix: z.string() }).strict(),
  setup: (context) => ({ handlers: { 'chat/before-reply': (draft) => ({ ...draft, text: draft.text + ' ' + context.config.suffix }) } }),
});
`;

// A local service with only a named export: the loader accepts a single named definition. It notes the project folder it sees.
const GREETER = `import { defineService } from '@downcity/core';
export const greeter = defineService({ package: { name: 'fixture-greeter', version: '0.0.1', downcity: { id: 'greeter', kind: 'service' } }, setup: (context) => { globalThis.greeterProjectDir = context.agent.projectDir; return {}; } });
export const notADefinition = 42;
`;

describe('loadProject', () => {
  it('loads the config, .env, npm and local packages and chat commands; the agent answers over HTTP', async () => {
    await using fake = await startFakeOpenAI();
    await using project = await fixtureProject({
      'downcity.config.ts': CONFIG,
      '.env': 'HTTP_TOKEN=from-dotenv\nSIGNATURE=(dotenv)\n',
      'src/signature.ts': SIGNATURE,
      'src/greeter.ts': GREETER,
    });
    const env: Record<string, string | undefined> = { SIGNATURE: '(env wins)' };
    const loaded = await loadProject(project.dir, { env, logger: silent, model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake' } });
    expect(env.HTTP_TOKEN).toBe('from-dotenv');
    expect(loaded.packages.map((entry) => [entry.kind, entry.id, entry.local])).toEqual([
      ['service', 'chat', false],
      ['plugin', 'signature', true],
      ['service', 'greeter', true],
    ]);
    expect(loaded.model).toEqual({ source: 'option', provider: 'openai-compatible', model: 'fake' });
    expect(loaded.dataDir).toBe(`${project.dir}/.downcity`);

    await loaded.agent.start();
    // The agent knows the folder it was loaded from (the console adds plugins there).
    expect((globalThis as { greeterProjectDir?: string }).greeterProjectDir).toBe(project.dir);
    try {
      const { channels } = await loaded.agent.invoke('chat/channels', {});
      const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
      // The shared token from .env speaks as http:shared; alice speaks with her own token.
      const ping = await sendHttpMessage({ url, token: 'from-dotenv', text: '/ping', chatId: 'c1' });
      expect(ping.body).toMatchObject({ status: 'answered', text: 'pong (env wins)' });
      const { token } = await loaded.agent.invoke('chat/http-token-create', { user: 'alice' });
      fake.enqueue({ text: 'Hello Alice.' });
      const reply = await sendHttpMessage({ url, token, text: 'hi', chatId: 'c1', user: 'alice' });
      expect(reply.body).toMatchObject({ status: 'answered', text: 'Hello Alice. (env wins)', sessionId: 'chat:http:default:c1:alice' });
    } finally {
      await loaded.agent.stop();
    }
  });

  it('takes the model from DOWNCITY_MODEL and DOWNCITY_MODEL_BASE_URL', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { model: { provider: 'openai', model: 'gpt-4o-mini' } };` });
    const loaded = await loadProject(project.dir, { env: { DOWNCITY_MODEL: 'openai-compatible:qwen', DOWNCITY_MODEL_BASE_URL: 'http://127.0.0.1:9/v1' }, logger: silent });
    expect(loaded.model).toEqual({ source: 'env', provider: 'openai-compatible', model: 'qwen' });
    await expect(loadProject(project.dir, { env: { DOWNCITY_MODEL: 'gpt-4o' }, logger: silent })).rejects.toThrow(/Invalid DOWNCITY_MODEL "gpt-4o"/);
  });

  it('summarizes a model list from config: the first model, then the ones it falls back to', async () => {
    await using project = await fixtureProject({
      'downcity.config.ts': `export default { model: [{ provider: 'openai', model: 'gpt-4o', apiKey: 'k' }, { provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'k' }] };`,
    });
    const loaded = await loadProject(project.dir, { env: {}, logger: silent });
    expect(loaded.model).toEqual({ source: 'config', provider: 'openai', model: 'gpt-4o', fallbacks: ['anthropic:claude-sonnet-4-5'] });
    await loaded.agent.start();
    expect(loaded.agent.session.modelAvailable).toBe(true);
    await loaded.agent.stop();
  });

  it('runs the terminal channel on given streams when asked, whatever the config says', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { use: ['@downcity/chat'] };` });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const loaded = await loadProject(project.dir, { env: {}, logger: silent, terminal: { input, output } });
    await loaded.agent.start();
    try {
      input.write('/help\n');
      await expect.poll(() => printed, { timeout: 5_000 }).toContain('/reset');
    } finally {
      await loaded.agent.stop();
    }
  });

  it('refuses packages that are not installed, listed twice, or ambiguous, naming what to do', async () => {
    await using missing = await fixtureProject({ 'downcity.config.ts': `export default { use: ['@acme/not-installed'] };` });
    const error = await loadProject(missing.dir, { env: {}, logger: silent }).catch((caught: unknown) => caught);
    expect(DowncityError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('package "@acme/not-installed" is not installed');
    expect((error as Error).message).toContain('pnpm add @acme/not-installed');

    await using twice = await fixtureProject({ 'downcity.config.ts': `export default { use: ['@downcity/chat', '@downcity/chat'] };` });
    await expect(loadProject(twice.dir, { env: {}, logger: silent })).rejects.toThrow('use.1: "@downcity/chat" is listed twice');

    await using ambiguous = await fixtureProject({
      'downcity.config.ts': `export default { use: ['./two.ts'] };`,
      'two.ts': `import { defineService } from '@downcity/core';
const make = (id: string) => defineService({ package: { name: id, version: '1.0.0', downcity: { id, kind: 'service' } }, setup: () => ({}) });
export const one = make('one');
export const two = make('two');
`,
    });
    await expect(loadProject(ambiguous.dir, { env: {}, logger: silent })).rejects.toThrow('exports several service or plugin definitions (one, two) and no default export');
  });

  it('opens a postgres store from DOWNCITY_DATABASE_URL, and says to set it when it is missing', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { store: { kind: 'postgres', schema: 'agent_one' } };` });
    await expect(loadProject(project.dir, { env: {}, logger: silent })).rejects.toThrow('store.url: set DOWNCITY_DATABASE_URL (or store.url)');
    // Port 1 refuses connections: opening fails with what to check, and the password never shows.
    const loaded = await loadProject(project.dir, { env: { DOWNCITY_DATABASE_URL: 'postgres://ann:hunter2-secret@127.0.0.1:1/downcity' }, logger: silent });
    expect(loaded.store.name).toBe('postgres');
    const error = (await loaded.store.open().catch((caught: unknown) => caught)) as Error;
    expect(error.message).toContain('postgres://ann@127.0.0.1:1/downcity');
    expect(error.message).toContain('Check that PostgreSQL runs');
    expect(error.message).not.toContain('hunter2-secret');
  });

  it('reports an unset environment variable with its config path', async () => {
    await using project = await fixtureProject({ 'downcity.config.ts': `export default { use: ['@downcity/chat'], services: { chat: { channels: { http: { token: '\${NOT_SET_TOKEN}' } } } } };` });
    await expect(loadProject(project.dir, { env: {}, logger: silent })).rejects.toThrow('services.chat.channels.http.token: environment variable NOT_SET_TOKEN is not set');
  });
});
