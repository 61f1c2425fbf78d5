// Benchmarks the libsql store on a temp file: durable turns per second, and tail() latency for
// a 100-message session versus a 100,000-message session. Run after `pnpm build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLibsqlStore } from '../dist/index.js';

const TURN_SECONDS = 3;
const SESSIONS = 100;
const TAIL_LIMIT = 50;
const TAIL_RUNS = 5_000;

const directory = mkdtempSync(join(tmpdir(), 'downcity-store-bench-'));
const store = createLibsqlStore({ path: join(directory, 'bench.db') });

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** One chat turn as the chat service writes it: ensure the session, store the user message, then the reply. */
async function turn(index) {
  const sessionId = `chat:bench:${index % SESSIONS}`;
  await store.sessions.ensure({ id: sessionId, kind: 'chat', metadata: { channel: 'bench' } });
  await store.messages.append(sessionId, [{ role: 'user', content: `question ${index}`, metadata: { platformMessageId: index } }]);
  await store.messages.append(sessionId, [
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: `c${index}`, toolName: 'clock', input: {} }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: `c${index}`, toolName: 'clock', output: { type: 'text', value: 'noon' } }] },
  ]);
}

async function measureTurns() {
  let turns = 0;
  const started = performance.now();
  const deadline = started + TURN_SECONDS * 1000;
  while (performance.now() < deadline) {
    for (let index = 0; index < 100; index += 1) await turn(turns++);
  }
  const seconds = (performance.now() - started) / 1000;
  return { turns, perSecond: Math.round(turns / seconds) };
}

async function seed(sessionId, count) {
  await store.sessions.ensure({ id: sessionId, kind: 'chat' });
  const messages = Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `message ${index + 1} with a little text to make the row realistic`,
  }));
  await store.batch([{ type: 'message.append', sessionId, messages }]);
}

async function measureTail(sessionId) {
  const samples = [];
  for (let run = 0; run < TAIL_RUNS; run += 1) {
    const started = performance.now();
    await store.messages.tail(sessionId, { limit: TAIL_LIMIT });
    samples.push(performance.now() - started);
  }
  samples.sort((left, right) => left - right);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

try {
  await store.open();
  const turns = await measureTurns();
  console.log(`durable turns/s: ${turns.perSecond} (${turns.turns} turns in ${TURN_SECONDS}s; ensure + append 1 + append 2, WAL, synchronous=NORMAL)`);

  await seed('chat:tail:small', 100);
  const seedStarted = performance.now();
  await seed('chat:tail:large', 100_000);
  console.log(`seeded 100,000 messages in one batch: ${Math.round(performance.now() - seedStarted)} ms`);

  const format = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  for (const [label, sessionId] of [['100 messages', 'chat:tail:small'], ['100,000 messages', 'chat:tail:large']]) {
    const latency = await measureTail(sessionId);
    console.log(`tail(limit ${TAIL_LIMIT}) at ${label}: p50 ${format(latency.p50)}, p99 ${format(latency.p99)}`);
  }
} finally {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
}
