import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createAgent, defineAction, defineService, DowncityError, ErrorCodes, type ActionSignature, type AgentOptions } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeOllama } from '../fake-ollama/start-fake-ollama.js';
import { startFakeOpenAI } from '../fake-openai/start-fake-openai.js';

declare module '@downcity/core' {
  interface Actions {
    'tides/lookup': ActionSignature<{ port: string }, { port: string; high: string }>;
  }
}

const silent = { level: 'silent' } as const;

const tides = defineService({
  package: {
    name: 'wire-tides',
    version: '1.0.0',
    downcity: { id: 'tides', kind: 'service', actions: { 'tides/lookup': { description: 'The next high tide at a port', tool: true } } },
  },
  setup: () => ({
    actions: {
      lookup: defineAction({
        description: 'The next high tide at a port',
        input: z.object({ port: z.string() }),
        output: z.object({ port: z.string(), high: z.string() }),
        run: async ({ port }) => ({ port, high: port === 'Brest' ? '06:12' : '07:40' }),
      }),
    },
  }),
});

async function startAgent(model: AgentOptions['model'], env: Record<string, string> = {}) {
  const agent = createAgent({ logger: silent, services: [tides], model, env });
  await agent.start();
  return agent;
}

const toolTurn = [{ thinking: 'Check the table.', toolCalls: [{ name: 'tides_lookup', arguments: { port: 'Brest' } }] }, { content: 'High tide in Brest at 06:12.' }];

describe('Ollama native chat API, through ollama-ai-provider-v2', () => {
  it('a tool call: the second request carries the assistant tool call and the tool result; streamed and non-streamed store identical history', async () => {
    const histories: unknown[] = [];
    for (const streamed of [false, true]) {
      await using fake = await startFakeOllama({ models: ['qwen3:8b'] });
      fake.enqueue(...toolTurn);
      const agent = await startAgent({ provider: 'ollama', model: 'qwen3:8b', baseURL: fake.baseURL, providerOptions: { ollama: { think: true } } });
      await agent.session.open('chat:t', { kind: 'chat' });
      const deltas: string[] = [];
      const result = await agent.session.turn('chat:t', { input: [{ role: 'user', content: 'When is high tide in Brest?' }], ...(streamed ? { onTextDelta: (delta: string) => deltas.push(delta) } : {}) });
      expect(result.text).toBe('High tide in Brest at 06:12.');
      expect(result.steps).toBe(2);
      if (streamed) expect(deltas.join('')).toBe('High tide in Brest at 06:12.');

      const [first, second] = fake.chatRequests;
      expect(first?.stream).toBe(streamed);
      expect(first).toMatchObject({ model: 'qwen3:8b', think: true, tools: [{ type: 'function', function: { name: 'tides_lookup', parameters: { type: 'object' } } }] });
      const assistant = second?.messages?.find((message) => message.role === 'assistant');
      expect(assistant?.tool_calls).toEqual([{ id: 'call_00000001', type: 'function', function: { name: 'tides_lookup', arguments: { port: 'Brest' } } }]);
      expect(assistant?.thinking).toBe('Check the table.');
      const tool = second?.messages?.find((message) => message.role === 'tool');
      expect(tool).toMatchObject({ tool_call_id: 'call_00000001' });
      expect(JSON.parse(String(tool?.content))).toEqual({ port: 'Brest', high: '06:12' });

      histories.push((await agent.session.history('chat:t')).map(({ role, content }) => ({ role, content })));
      await agent.stop();
    }
    expect(histories[1]).toEqual(histories[0]);
    expect(JSON.stringify(histories[0])).toContain('call_00000001');
  });

  it('reaches the server named by OLLAMA_HOST when no baseURL is set; an API key goes as a bearer token', async () => {
    await using fake = await startFakeOllama();
    const agent = await startAgent({ provider: 'ollama', model: 'llama3.2', apiKeyEnv: 'OLLAMA_API_KEY' }, { OLLAMA_HOST: fake.host, OLLAMA_API_KEY: 'ollama-key' });
    await agent.session.open('chat:h', { kind: 'chat' });
    expect((await agent.session.turn('chat:h', { input: [{ role: 'user', content: 'ping' }] })).text).toBe('echo: ping');
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat', headers: { authorization: '[redacted]' } });
    await agent.stop();
  });

  it('model.temperature given in the agent options reaches Ollama inside options, where /api/chat reads it, beside providerOptions.ollama.options', async () => {
    await using fake = await startFakeOllama();
    const agent = await startAgent({ provider: 'ollama', model: 'llama3.2', baseURL: fake.baseURL, temperature: 0.2, providerOptions: { ollama: { options: { num_ctx: 8192 } } } });
    await agent.session.open('chat:s', { kind: 'chat' });
    await agent.session.turn('chat:s', { input: [{ role: 'user', content: 'hi' }], providerOptions: { ollama: { options: { num_ctx: 8192, top_k: 20 } } } });
    expect(fake.requests[0]?.body).toMatchObject({ options: { temperature: 0.2, num_ctx: 8192, top_k: 20 } });
    await agent.stop();
  });

  it("a model that is not pulled is MODEL_REQUEST_INVALID with the 404 and Ollama's message", async () => {
    await using fake = await startFakeOllama({ models: ['llama3.2'] });
    const agent = await startAgent({ provider: 'ollama', model: 'mistral', baseURL: fake.baseURL });
    await agent.session.open('chat:m', { kind: 'chat' });
    const error = (await agent.session.turn('chat:m', { input: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught)) as DowncityError;
    expect(DowncityError.is(error, ErrorCodes.MODEL_REQUEST_INVALID)).toBe(true);
    expect(error.details).toMatchObject({ status: 404 });
    expect(error.message).toContain("model 'mistral' not found");
    await agent.stop();
  });

  it('back compatibility: a baseURL ending in /v1 keeps using the OpenAI-compatible endpoint (@ai-sdk/openai-compatible)', async () => {
    await using fake = await startFakeOpenAI();
    const agent = await startAgent({ provider: 'ollama', model: 'qwen2.5:7b', baseURL: fake.baseURL });
    await agent.session.open('chat:v', { kind: 'chat' });
    expect((await agent.session.turn('chat:v', { input: [{ role: 'user', content: 'hi' }] })).text).toBe('echo: hi');
    expect(fake.chatRequests.map((request) => request.model)).toEqual(['qwen2.5:7b']);
    await agent.stop();
  });

  it('without ollama-ai-provider-v2 installed, starting the agent is an error naming the package to install', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'downcity-no-ollama-'));
    try {
      // A resolve hook makes the package missing the way Node reports it: ERR_MODULE_NOT_FOUND.
      await writeFile(
        path.join(folder, 'hooks.mjs'),
        `export async function resolve(specifier, context, next) {
  if (specifier !== 'ollama-ai-provider-v2') return next(specifier, context);
  throw Object.assign(new Error("Cannot find package 'ollama-ai-provider-v2' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
}\n`,
      );
      await writeFile(path.join(folder, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(folder, 'hooks.mjs')).href)});\n`);
      const script = `import { createAgent } from '@downcity/core';
const agent = createAgent({ logger: { level: 'silent' }, model: { provider: 'ollama', model: 'llama3.2' } });
const error = await agent.start().then(() => undefined, (caught) => caught);
process.stdout.write(JSON.stringify({ code: error?.code, message: error?.message }));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(path.join(folder, 'register.mjs')).href, '--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      });
      const result = JSON.parse(stdout) as { code: string; message: string };
      expect(result.code).toBe(ErrorCodes.CONFIG_INVALID);
      expect(result.message).toContain('Model provider "ollama" needs the package ollama-ai-provider-v2');
      expect(result.message).toContain('pnpm add ollama-ai-provider-v2');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
