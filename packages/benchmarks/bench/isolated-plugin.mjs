// Round-trip cost of one guard handler in process vs in an isolated plugin host (@downcity/plugin-host, decision
// 0028): the same plugin package, the same service running its guard point through core's extension runner, one
// call at a time. The isolated path adds a structured-clone IPC message each way to a child process running
// under Node's permission model. Target (issue 16): isolated p50 < 0.5 ms.
// Then one chat turn through the chat service (HTTP channel on 127.0.0.1, scripted zero-latency model, libSQL file
// store) whose reply passes one `chat/before-reply` plugin, in process vs isolated: the turn-level cost of
// isolating a reply filter.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createAgent, defineService } from '@downcity/core';
import { createChatService, httpChannel } from '@downcity/chat';
import { isolatedPlugin } from '@downcity/plugin-host';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { quantile, report } from './stats.mjs';

const WARM_UP = 2_000;
const CALLS = 20_000;
const TURNS = 1_000;
const TURNS_WARM_UP = 100;
const TOKEN = 'bench-http-token-0123456789';
const fixture = fileURLToPath(new URL('./fixtures/bench-guard', import.meta.url));
const pipelineFixture = fileURLToPath(new URL('./fixtures/bench-pipeline', import.meta.url));

/** A service declaring the `bench/check` guard point and handing its runner to the bench. */
function benchService() {
  const holder = {};
  const service = defineService({
    package: {
      name: 'bench-service',
      version: '1.0.0',
      downcity: {
        id: 'bench',
        kind: 'service',
        extensionPoints: {
          'bench/check': { kind: 'guard', description: 'A guard to measure.' },
        },
      },
    },
    setup: (context) => {
      holder.runner = context.plugins;
      return {};
    },
  });
  return { service, holder };
}

async function measure(label, plugin) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-isolated-'));
  const { service, holder } = benchService();
  const agent = createAgent({ logger: { level: 'silent' }, services: [service], plugins: [plugin], config: { agent: { dataDir } } });
  await agent.start();
  try {
    for (let index = 0; index < WARM_UP; index++) await holder.runner.guard('bench/check', { text: 'hello' });
    const times = new Float64Array(CALLS);
    for (let index = 0; index < CALLS; index++) {
      const started = performance.now();
      const verdict = await holder.runner.guard('bench/check', { text: 'hello' });
      times[index] = performance.now() - started;
      if (!verdict.allow) throw new Error(`unexpected deny: ${verdict.reason}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return report(label, { calls: CALLS, p50_ms: quantile(sorted, 0.5), p99_ms: quantile(sorted, 0.99), max_ms: sorted.at(-1) });
  } finally {
    await agent.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * One chat turn through the chat service: a message posted to its HTTP channel on 127.0.0.1, a scripted model
 * answer stored in the libSQL file store, the reply through the `chat/before-reply` pipeline of one plugin, the
 * JSON answer read back. p50/p99 per turn.
 */
async function measureChatTurns(label, plugin) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-isolated-'));
  const agent = createAgent({
    logger: { level: 'silent' },
    model: createScriptedModel({ default: { text: 'hello back' } }),
    store: createLibsqlStore({ path: path.join(dataDir, 'downcity.db') }),
    services: [createChatService({ channels: [httpChannel] })],
    plugins: [plugin],
    config: { agent: { dataDir }, services: { chat: { channels: { http: { port: 0, token: TOKEN } } } } },
  });
  await agent.start();
  try {
    const { channels } = await agent.invoke('chat/channels', {});
    const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
    const turn = async (index) => {
      const response = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ text: `hello ${index}`, chatId: `bench-${index % 50}` }),
      });
      return response.json();
    };
    for (let index = 0; index < TURNS_WARM_UP; index++) await turn(index);
    const times = new Float64Array(TURNS);
    for (let index = 0; index < TURNS; index++) {
      const started = performance.now();
      const reply = await turn(index);
      times[index] = performance.now() - started;
      if (reply.text !== 'hello back -- signed') throw new Error(`the pipeline did not run: ${JSON.stringify(reply)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return report(label, { turns: TURNS, p50_ms: quantile(sorted, 0.5), p99_ms: quantile(sorted, 0.99) });
  } finally {
    await agent.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`guard round-trip, in process vs isolated plugin host (node ${process.version}, ${process.arch})`);
const inProcess = await measure('guard in process', (await import(path.join(fixture, 'index.js'))).default);
const isolated = await measure('guard isolated (child process, IPC)', await isolatedPlugin(fixture));
report('isolated minus in process', { p50_ms: isolated.p50_ms - inProcess.p50_ms, p99_ms: isolated.p99_ms - inProcess.p99_ms });
console.log(`target isolated p50 < 0.5 ms: ${isolated.p50_ms < 0.5 ? 'met' : 'NOT met'}`);

console.log('one chat turn (HTTP channel, libSQL) whose reply passes one chat/before-reply plugin');
const turnIn = await measureChatTurns('chat turn, pipeline in process', (await import(path.join(pipelineFixture, 'index.js'))).default);
const turnIsolated = await measureChatTurns('chat turn, pipeline isolated', await isolatedPlugin(pipelineFixture));
report('isolated minus in process', { p50_ms: turnIsolated.p50_ms - turnIn.p50_ms, p99_ms: turnIsolated.p99_ms - turnIn.p99_ms });
