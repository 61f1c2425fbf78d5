// Per-turn framework overhead of @downcity/core with a zero-latency scripted model.
// Prints sequential turns/s with p50/p99, durable turns/s on libSQL, 10,000 concurrent sessions,
// and the turn start time of a 100,000-message session against a 100-message one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgent } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { quantile, report } from './stats.mjs';

const silent = { level: 'silent' };
const model = () => createScriptedModel({ default: { text: 'ok' } });

async function sequential(label, store, turns) {
  const agent = createAgent({ logger: silent, model: model(), store });
  await agent.start();
  const sessions = 100;
  for (let index = 0; index < sessions; index++) await agent.session.open(`bench:${index}`, { kind: 'chat' });
  for (let index = 0; index < 500; index++) await agent.session.turn(`bench:${index % sessions}`, { input: [{ role: 'user', content: 'warm up' }] });
  const samples = new Float64Array(turns);
  const started = performance.now();
  for (let index = 0; index < turns; index++) {
    const before = performance.now();
    await agent.session.turn(`bench:${index % sessions}`, { input: [{ role: 'user', content: `message ${index}` }] });
    samples[index] = performance.now() - before;
  }
  const elapsed = performance.now() - started;
  await agent.stop();
  const sorted = [...samples].sort((a, b) => a - b);
  return report(label, { turns, 'turns/s': Math.round((turns / elapsed) * 1000), p50_ms: quantile(sorted, 0.5), p99_ms: quantile(sorted, 0.99) });
}

async function manySessions(count) {
  const agent = createAgent({ logger: silent, model: model() });
  await agent.start();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const id = `many:${index}`;
      await agent.session.open(id, { kind: 'chat' });
      await agent.session.turn(id, { input: [{ role: 'user', content: 'hello' }] });
    }),
  );
  const elapsed = performance.now() - started;
  const rssAfter = process.memoryUsage().rss;
  await agent.stop();
  return report(`${count} sessions at once (memory store)`, {
    total_ms: elapsed,
    'turns/s': Math.round((count / elapsed) * 1000),
    rss_growth_mb: (rssAfter - rssBefore) / 1024 / 1024,
  });
}

async function windowCost(store, sizes) {
  const agent = createAgent({ logger: silent, model: model(), store });
  await agent.start();
  const figures = {};
  for (const size of sizes) {
    const id = `window:${size}`;
    await agent.session.open(id, { kind: 'chat' });
    const batch = 5_000;
    for (let written = 0; written < size; written += batch) {
      const count = Math.min(batch, size - written);
      await agent.session.append(id, Array.from({ length: count }, (_, index) => ({ role: (written + index) % 2 ? 'assistant' : 'user', content: `m${written + index}` })));
    }
    const samples = [];
    for (let index = 0; index < 300; index++) {
      const before = performance.now();
      await agent.session.turn(id, { input: [{ role: 'user', content: 'next' }] });
      samples.push(performance.now() - before);
    }
    samples.sort((a, b) => a - b);
    figures[`p50_ms@${size}`] = quantile(samples, 0.5);
  }
  await agent.stop();
  return report('turn with 100 vs 100,000 stored messages (libSQL)', figures);
}

const folder = mkdtempSync(path.join(tmpdir(), 'downcity-bench-'));
try {
  console.log(`@downcity/core per-turn overhead (node ${process.version}, ${process.arch})`);
  const memory = await sequential('sequential turns, in-memory store', undefined, 20_000);
  const durable = await sequential('sequential durable turns, libSQL file (WAL)', createLibsqlStore({ path: path.join(folder, 'bench.db') }), 5_000);
  await manySessions(10_000);
  await windowCost(createLibsqlStore({ path: path.join(folder, 'window.db') }), [100, 100_000]);
  const targets = [
    ['per-turn overhead p50 < 1 ms (in-memory, window 40)', memory.p50_ms < 1],
    ['libSQL >= 1,000 durable turns/s', durable['turns/s'] >= 1_000],
    ['libSQL durable turn p99 < 5 ms', durable.p99_ms < 5],
  ];
  for (const [name, met] of targets) console.log(`target ${met ? 'met   ' : 'MISSED'} ${name}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
