import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent, createMemoryStore, defineAction, defineService, type Agent, type PluginDefinition, type Store } from '@downcity/core';
import { createScriptedModel, openResources, recordingLogger, resourcesLeftOpen, type RecordedLine } from '@downcity/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isolatedPlugin, type IsolatedPluginOptions } from '../src/index.js';
import { probeService } from './probe-service.js';

declare module '@downcity/core' {
  interface Actions {
    'tooly/danger': { input: Record<string, never>; output: { done: boolean } };
  }
}

/** A service with a tool the boundary plugin does not list in `uses`. */
const tooly = defineService({
  package: { name: 'tooly', version: '1.0.0', downcity: { id: 'tooly', kind: 'service', actions: { 'tooly/danger': { description: 'does something dangerous', tool: true } } } },
  setup: () => ({ actions: { danger: defineAction({ description: 'does something dangerous', input: z.object({}), output: z.object({ done: z.boolean() }), run: () => ({ done: true }) }) } }),
});

const boundary = fileURLToPath(new URL('./fixtures/boundary', import.meta.url));

let dataDir: string;
let agents: Agent[] = [];
let baseline: Record<string, number>;

beforeEach(async () => {
  baseline = openResources();
  dataDir = await mkdtemp(path.join(tmpdir(), 'plugin-host-boundary-'));
});

afterEach(async () => {
  for (const agent of agents) await agent.stop();
  agents = [];
  await rm(dataDir, { recursive: true, force: true });
  expect(await resourcesLeftOpen(baseline)).toEqual({});
});

async function start(options: IsolatedPluginOptions = {}, model?: ReturnType<typeof createScriptedModel>) {
  const probe = probeService();
  const lines: RecordedLine[] = [];
  const store: Store = createMemoryStore();
  const plugin: PluginDefinition = await isolatedPlugin(boundary, { initialBackoffMs: 50, ...options });
  const agent = createAgent({
    logger: recordingLogger(lines),
    services: [probe.service, tooly],
    plugins: [plugin],
    store,
    config: { agent: { dataDir } } as never,
    ...(model ? { model } : {}),
  });
  agents.push(agent);
  await agent.start();
  return { agent, runner: probe.runner(), store, lines };
}

async function eventually<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the actions an isolated plugin uses', () => {
  it('invokes an action its manifest lists in permissions.uses; any other fails naming the action and the fix', async () => {
    const { runner } = await start();
    const shaped = await runner.pipeline('probe/shape', { mode: 'invoke' });
    expect(shaped.used).toEqual({ ok: true, value: { secret: 's3cret' } });
    expect(shaped.undeclared).toMatchObject({ ok: false, code: 'DENIED' });
    const message = (shaped.undeclared as { message: string }).message;
    expect(message).toContain('may not invoke "chat/send"');
    expect(message).toContain('Add "chat/send" to "uses"');
  });
});

describe('storage.search and storage.batch across the boundary', () => {
  it('search works in the plugin\'s own namespace only: the agent\'s store sees it under "<id>:"', async () => {
    const { runner, store } = await start();
    const shaped = await runner.pipeline('probe/shape', { mode: 'search' });
    expect(shaped).toMatchObject({ hits: ['n1'], removed: true, after: [] });
    const own = await store.search.searchText({ namespace: 'boundary:notes', text: 'fox', scopes: ['s'], limit: 5 });
    expect(own.map((hit) => hit.id)).toEqual(['n1']);
    // Nothing landed in the bare namespace another package (say a "notes" service) would own.
    expect(await store.search.searchText({ namespace: 'notes', text: 'fox', scopes: ['s'], limit: 5 })).toEqual([]);
  });

  it('batch writes atomically into its own collections, and an unknown operation fails with what to use', async () => {
    const { runner, store } = await start();
    const shaped = await runner.pipeline('probe/shape', { mode: 'batch' });
    expect(shaped).toMatchObject({ a: { n: 1 }, b: null });
    expect(await store.collection('boundary:log').get('a')).toEqual({ n: 1 });
    expect(await store.collection('log').get('a')).toBeUndefined();
    expect(shaped.bad).toMatchObject({ ok: false });
    expect((shaped.bad as { message: string }).message).toMatch(/unknown operation type "drop.everything" \(use message.append, collection.put/);
  });
});

describe('session.exclusive across the boundary', () => {
  it('holds the session lock in the agent until the plugin\'s callback settles', async () => {
    const { agent, runner, store } = await start();
    await agent.session.open('s1', { kind: 'chat' });
    const shaping = runner.pipeline('probe/shape', { mode: 'exclusive', sessionId: 's1', holdMs: 300 });
    const marks = store.collection('boundary:marks');
    expect(await eventually(() => marks.get('in'), (value) => value !== undefined)).toEqual({ at: 1 });
    // The agent's own exclusive work for the session waits for the plugin's to finish.
    const sawOut = await agent.session.exclusive('s1', async () => (await marks.get('out')) !== undefined);
    expect(sawOut).toBe(true);
    expect(await shaping).toMatchObject({ result: 'held' });
  });

  it('is released when the host dies holding it', async () => {
    const { agent, runner, store } = await start();
    await agent.session.open('s2', { kind: 'chat' });
    const shaped = await runner.pipeline('probe/shape', { mode: 'exclusive-crash', sessionId: 's2' });
    expect(shaped).toEqual({ mode: 'exclusive-crash', sessionId: 's2' }); // the failed pipeline passed the value on
    expect(await store.collection('boundary:marks').get('crashing')).toEqual({ at: 1 });
    const got = await Promise.race([agent.session.exclusive('s2', async () => 'lock free'), new Promise((resolve) => setTimeout(() => resolve('still locked'), 15_000))]);
    expect(got).toBe('lock free');
  });
});

describe('session.turn across the boundary', () => {
  it('runs a model turn in the agent for the plugin', async () => {
    const model = createScriptedModel({ replies: [{ text: 'hello from the model' }] });
    const { agent, runner } = await start({}, model);
    await agent.session.open('t1', { kind: 'chat' });
    const shaped = await runner.pipeline('probe/shape', { mode: 'turn', sessionId: 't1', text: 'hi' });
    expect(shaped).toMatchObject({ reply: 'hello from the model', steps: 1 });
    const history = await agent.session.history('t1');
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('is cancelled in the agent when the handler that started it times out', async () => {
    const model = createScriptedModel({ replies: [{ text: 'never', hold: true }] });
    const { agent, runner } = await start({}, model);
    await agent.session.open('t2', { kind: 'chat' });
    const shaped = await runner.pipeline('probe/shape', { mode: 'turn', sessionId: 't2', text: 'hi' });
    expect(shaped).toEqual({ mode: 'turn', sessionId: 't2', text: 'hi' }); // timed out: the value passed on
    const signal = await eventually(() => model.calls[0]?.options.abortSignal, (value) => value?.aborted === true);
    expect(signal?.aborted).toBe(true);
  }, 30_000);

  it('offers the model only the tools the plugin may invoke, and refuses a list naming another', async () => {
    const model = createScriptedModel();
    const { agent, runner } = await start({}, model);
    await agent.session.open('t4', { kind: 'chat' });
    await agent.session.turn('t4', { input: [{ role: 'user', content: 'from the agent' }] });
    expect(JSON.stringify(model.calls[0]?.tools)).toContain('danger'); // the agent's own turn offers it
    const shaped = await runner.pipeline('probe/shape', { mode: 'turn-tools', sessionId: 't4' });
    expect(shaped.reply).toBe('echo: hi');
    expect(JSON.stringify(model.calls[1]?.tools ?? [])).not.toContain('danger');
    expect(shaped.refused).toMatchObject({ ok: false, code: 'DENIED' });
    expect((shaped.refused as { message: string }).message).toContain('may not offer the model the tool "tooly/danger"');
  });

  it('refuses callbacks, which cannot cross, and says what to do instead', async () => {
    const { runner } = await start();
    const shaped = await runner.pipeline('probe/shape', { mode: 'turn-callbacks', sessionId: 't3' });
    expect((shaped.refused as { message: string }).message).toMatch(/onTextDelta and onStep are callbacks .* session.history/);
  });
});

describe('a host that misbehaves on the channel or outside calls', () => {
  it('a message over maxMessageBytes fails the call naming the limit, and the host is killed', async () => {
    const { runner, lines } = await start({ maxMessageBytes: 64 * 1024 });
    const before = (await runner.pipeline('probe/shape', { mode: 'pid' })).instance as string;
    const verdict = await runner.guard('probe/check', { text: String(256 * 1024), mode: 'big' });
    expect(verdict.allow).toBe(false);
    expect((verdict as { reason: string }).reason).toContain('over the limit of 65536 bytes (maxMessageBytes)');
    expect(lines.some((line) => line.message.includes('over the limit of 65536 bytes'))).toBe(true);
    // A small answer still gets through once the host is back, and it is another host.
    const after = await eventually(() => runner.guard('probe/check', { text: '10', mode: 'big' }), (value) => value.allow);
    expect(after.allow).toBe(true);
    expect((await runner.pipeline('probe/shape', { mode: 'pid' })).instance).not.toBe(before);
  });

  it('a busy loop in a timer, outside any call, is found by the liveness watchdog and the host killed', async () => {
    const { runner, lines } = await start({ liveness: { intervalMs: 100, timeoutMs: 2_000 } });
    const before = (await runner.pipeline('probe/shape', { mode: 'pid' })).instance as string;
    expect((await runner.guard('probe/check', { text: 'x', mode: 'spin-later' })).allow).toBe(true);
    const killed = () => lines.some((line) => line.message.includes('did not answer a liveness ping within 2000 ms'));
    expect(await eventually(killed, (value) => value)).toBe(true);
    const next = await eventually(
      () => runner.pipeline('probe/shape', { mode: 'pid' }),
      (value) => typeof value.instance === 'string',
    );
    expect(next.instance).not.toBe(before);
  });
});
