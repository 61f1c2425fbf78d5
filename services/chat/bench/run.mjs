// Inbound-to-reply overhead of the chat main path through the HTTP channel, with the zero-latency
// scripted model and the in-memory store. Run after `tsup`: `pnpm bench` (or `node bench/run.mjs`).
// The agent runs in this process; the load comes from a separate client process (bench/client.mjs)
// over keep-alive connections, so the figures are what an HTTP front end would see.
// Targets on 2 cores: >= 2,000 messages/s and p99 < 5 ms. BENCH_STORE=libsql runs the same load on a
// libSQL file instead (every inbox, outbox and session write durable).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAgent, createMemoryStore } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { chatService } from '../dist/index.js';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 3_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 250);

const STORE = process.env.BENCH_STORE === 'libsql' ? 'libsql' : 'memory';
const folder = STORE === 'libsql' ? mkdtempSync(path.join(os.tmpdir(), 'downcity-chat-bench-')) : undefined;
const agent = createAgent({
  logger: { level: 'silent' },
  store: folder ? createLibsqlStore({ path: path.join(folder, 'bench.db') }) : createMemoryStore(),
  model: createScriptedModel(),
  services: [chatService],
  config: { services: { chat: { channels: { http: { port: 0 } } } } },
});
await agent.start();
const { channels } = await agent.invoke('chat/channels', {});
const url = channels.find((channel) => channel.id === 'http').info.url;
// The client speaks as user "bench" with a per-user token: every request looks the token up in the store.
const { token } = await agent.invoke('chat/http-token-create', { user: 'bench' });

const client = fork(new URL('./client.mjs', import.meta.url), [url, token], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
let nextRun = 0;
/** Runs one load pattern in the client process; returns its figures plus this process's CPU time per message. */
function run(label, options) {
  const id = nextRun++;
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.id !== id) return;
      client.off('message', onMessage);
      if (message.error) return reject(new Error(message.error));
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerMessage = (cpu.user + cpu.system) / message.messages;
      resolve({
        run: label,
        messages: message.messages,
        'messages/s': Math.round(message.perSecond),
        'p50 ms': Number(message.p50.toFixed(2)),
        'p99 ms': Number(message.p99.toFixed(2)),
        'agent CPU µs/msg': Math.round(cpuPerMessage),
      });
    };
    client.on('message', onMessage);
    client.send({ id, ...options });
  });
}

const JSON_ACCEPT = 'application/json';
const SSE_ACCEPT = 'text/event-stream';
await run('warm-up', { accept: JSON_ACCEPT, clients: 1, perClient: 1_000 });
await run('warm-up', { accept: SSE_ACCEPT, clients: 4, perClient: 200 });
const results = [
  await run('sequential, JSON', { accept: JSON_ACCEPT, clients: 1, perClient: SEQUENTIAL }),
  await run(`${CLIENTS} clients, JSON`, { accept: JSON_ACCEPT, clients: CLIENTS, perClient: PER_CLIENT }),
  await run('sequential, SSE', { accept: SSE_ACCEPT, clients: 1, perClient: SEQUENTIAL }),
  await run(`${CLIENTS} clients, SSE`, { accept: SSE_ACCEPT, clients: CLIENTS, perClient: PER_CLIENT }),
];
client.kill();
await agent.stop();
if (folder) rmSync(folder, { recursive: true, force: true });

console.log(`chat bench: HTTP channel -> chat main path -> scripted model (zero latency), ${STORE === 'libsql' ? 'libSQL file' : 'in-memory'} store`);
console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} (other processes skew the figures)`);
console.table(results);
const [sequentialJson, concurrentJson] = results;
const met = concurrentJson['messages/s'] >= 2_000 && sequentialJson['p99 ms'] < 5;
console.log(`targets (>= 2,000 messages/s with ${CLIENTS} clients, p99 < 5 ms sequential): ${met ? 'met' : 'MISSED'}`);
