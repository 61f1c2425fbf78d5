import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScriptedModel } from '@downcity/testing';
import { createAgent, createMemoryStore, defineService, type Agent, type PluginDefinition, type ToolActions } from '@downcity/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedPlugin } from '../src/index.js';

declare module '@downcity/core' {
  interface Actions {
    'counter/add': { input: { n: number }; output: { total: number; caller: string } };
  }
}

const counter = fileURLToPath(new URL('./fixtures/counter', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(
  plugin: PluginDefinition,
  model?: ReturnType<typeof createScriptedModel>,
): Promise<{ agent: Agent; store: ReturnType<typeof createMemoryStore>; tools: () => ToolActions }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-actions-'));
  const store = createMemoryStore();
  // A service that lists the agent's tools as the model (or an MCP client) sees them.
  let tools: ToolActions | undefined;
  const lister = defineService({
    package: { name: 'lister', version: '1.0.0', downcity: { id: 'lister', kind: 'service' } },
    setup: (context) => {
      tools = context.tools;
      return {};
    },
  });
  const agent = createAgent({ logger: { level: 'silent' }, services: [lister], plugins: [plugin], store, config: { agent: { dataDir } } as never, ...(model ? { model } : {}) });
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  await agent.start();
  cleanup.push(() => agent.stop());
  return { agent, store, tools: () => tools as ToolActions };
}

describe('actions and instructions of an isolated plugin', () => {
  it('run in the host with the same answers, state and validation as in process', async () => {
    const inProcess = (await import(path.join(counter, 'index.js'))).default as PluginDefinition;
    const outcomes = [];
    for (const plugin of [inProcess, await isolatedPlugin(counter)]) {
      const { agent, store } = await start(plugin);
      const first = await agent.invoke('counter/add', { n: 2 });
      const second = await agent.invoke('counter/add', { n: 3 });
      const stored = await store.collection('counter:totals').get('sum');
      const invalid = await agent.invoke('counter/add', { n: 'two' } as never).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
      outcomes.push({ first, second, stored, invalidMentionsField: /\bn\b/.test(invalid) && invalid !== 'accepted' });
    }
    expect(outcomes[0]).toEqual({ first: { total: 2, caller: 'agent' }, second: { total: 5, caller: 'agent' }, stored: { value: 5 }, invalidMentionsField: true });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('the model sees the plugin\'s own input schema for its tool', async () => {
    const { tools } = await start(await isolatedPlugin(counter));
    const tool = tools().list().find((entry) => entry.action === 'counter/add');
    expect(tool?.description).toBe('Adds n to the running total.');
    expect(tool?.inputSchema).toMatchObject({
      type: 'object',
      properties: { n: { type: 'integer', description: 'How much to add' } },
      required: ['n'],
    });
  });

  it("adds the plugin's system prompt contribution to a turn, from the host", async () => {
    const model = createScriptedModel();
    const { agent } = await start(await isolatedPlugin(counter), model);
    await agent.session.open('s1', { kind: 'chat' });
    await agent.session.turn('s1', { input: [{ role: 'user', content: 'hello' }], principal: { id: 'telegram:7' } });
    const system = model.calls[0]?.prompt.filter((message) => message.role === 'system').map((message) => String(message.content)).join('\n');
    expect(system).toContain('The counter plugin greets telegram:7 (input of 5 characters).');
  });
});
