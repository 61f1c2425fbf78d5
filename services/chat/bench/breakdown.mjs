// Where the time goes: the same messages (1) through core's session.turn alone, (2) through the chat
// main path without HTTP (a direct in-process channel), (3) through the HTTP channel in-process.
// CPU microseconds per message; run after `tsup`: `node bench/breakdown.mjs`.
import http from 'node:http';
import { createAgent } from '@downcity/core';
import { createScriptedModel } from '@downcity/testing';
import { z } from 'zod';
import { createChatService, defineChannel, httpChannel } from '../dist/index.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 5_000);
const SESSIONS = 32;

async function measure(label, count, work) {
  await work(Math.min(1_000, count));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work(count);
  const used = process.cpuUsage(cpu);
  const elapsed = performance.now() - started;
  return { run: label, messages: count, 'CPU µs/msg': Math.round((used.user + used.system) / count), 'messages/s (1 core)': Math.round((count / elapsed) * 1000) };
}

// (1) core alone: open + turn with the user message as input.
const core = createAgent({ logger: { level: 'silent' }, model: createScriptedModel() });
await core.start();
let n = 0;
const coreRow = await measure('core session.turn', COUNT, async (count) => {
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, session) => {
      for (let index = session; index < count; index += SESSIONS) {
        const id = `chat:bench:${session}`;
        await core.session.open(id, { kind: 'chat' });
        await core.session.turn(id, { input: [{ role: 'user', content: [{ type: 'text', text: `message ${n++}` }] }], tools: 'all' });
      }
    }),
  );
});
await core.stop();

// (2) chat main path, in-process channel.
let sink;
const waiting = new Map();
const direct = defineChannel({
  id: 'direct',
  config: z.object({}),
  create: () => ({
    id: 'direct',
    account: 'bench',
    capabilities: { maxTextLength: 4096, typing: false, attachments: false, streaming: false },
    connect: async (given) => void (sink = given),
    disconnect: async () => {},
    send: async () => ({ messageId: 'x' }),
    settled: (outcome) => waiting.get(outcome.messageId)?.(),
  }),
});
const chat = createAgent({ logger: { level: 'silent' }, model: createScriptedModel(), services: [createChatService({ channels: [direct] })], config: { services: { chat: { channels: { direct: {} } } } } });
await chat.start();
const chatRow = await measure('chat main path (no HTTP)', COUNT, async (count) => {
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, session) => {
      for (let index = session; index < count; index += SESSIONS) {
        const messageId = `d-${n++}`;
        const done = new Promise((resolve) => waiting.set(messageId, resolve));
        await sink.deliver({ channel: 'direct', account: 'bench', messageId, chat: { id: `c${session}`, type: 'direct' }, sender: { id: 'u' }, text: `message ${n}`, attachments: [], mentions: { self: true, userIds: [] }, sentAt: Date.now() });
        await done;
        waiting.delete(messageId);
      }
    }),
  );
});
await chat.stop();

// (3) HTTP channel, client in this process (JSON replies).
const web = createAgent({ logger: { level: 'silent' }, model: createScriptedModel(), services: [createChatService({ channels: [httpChannel] })], config: { services: { chat: { channels: { http: { port: 0 } } } } } });
await web.start();
const url = new URL((await web.invoke('chat/channels', {})).channels[0].info.url);
const { token } = await web.invoke('chat/http-token-create', { user: 'u' });
const agent = new http.Agent({ keepAlive: true, maxSockets: SESSIONS });
const post = (sessionKey) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ text: `message ${n}`, sessionKey, user: 'u', messageId: `h-${n++}` });
    const request = http.request({ host: url.hostname, port: url.port, path: '/v1/messages', method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'application/json' } }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', reject);
    request.end(body);
  });
const httpRow = await measure('HTTP channel + client, in-process', COUNT, async (count) => {
  await Promise.all(Array.from({ length: SESSIONS }, async (_, session) => {
    for (let index = session; index < count; index += SESSIONS) await post(`k${session}`);
  }));
});
agent.destroy();
await web.stop();

console.table([coreRow, chatRow, httpRow]);
