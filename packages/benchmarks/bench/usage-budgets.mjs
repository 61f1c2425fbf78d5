// What the usage ledger and daily budgets add to a turn on libSQL: durable turns with no budget configured
// (the ledger record only) vs with a daily budget (plus one read of the principal's day), and how a budget
// check grows with the steps the principal already ran today.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgent } from '@downcity/core';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel } from '@downcity/testing';
import { quantile, report } from './stats.mjs';

const silent = { level: 'silent' };

async function turns(label, usage, count) {
  const folder = mkdtempSync(path.join(tmpdir(), 'downcity-bench-usage-'));
  const agent = createAgent({ logger: silent, model: createScriptedModel({ default: { text: 'ok' } }), store: createLibsqlStore({ path: path.join(folder, 'bench.db') }), config: { usage } });
  await agent.start();
  try {
    await agent.session.open('bench', { kind: 'chat' });
    const principal = { id: 'telegram:1' };
    for (let index = 0; index < 100; index++) await agent.session.turn('bench', { input: [{ role: 'user', content: 'warm up' }], principal });
    const samples = [];
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const before = performance.now();
      await agent.session.turn('bench', { input: [{ role: 'user', content: `message ${index}` }], principal });
      samples.push(performance.now() - before);
    }
    const elapsed = performance.now() - started;
    samples.sort((a, b) => a - b);
    return report(label, { turns: count, 'turns/s': Math.round((count / elapsed) * 1000), p50_ms: quantile(samples, 0.5), p99_ms: quantile(samples, 0.99) });
  } finally {
    await agent.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function budgetChecks(stepsToday) {
  const folder = mkdtempSync(path.join(tmpdir(), 'downcity-bench-usage-'));
  const agent = createAgent({
    logger: silent,
    model: createScriptedModel({ default: { text: 'ok' } }),
    store: createLibsqlStore({ path: path.join(folder, 'bench.db') }),
    config: { usage: { budgets: { perPrincipalDaily: { tokens: 1e12 } } } },
  });
  await agent.start();
  try {
    const figures = {};
    await agent.session.open('bench', { kind: 'chat' });
    let done = 0;
    for (const target of stepsToday) {
      for (; done < target; done++) await agent.session.turn('bench', { input: [{ role: 'user', content: 'x' }], principal: { id: 'telegram:1' } });
      const samples = [];
      for (let index = 0; index < 200; index++) {
        const before = performance.now();
        await agent.invoke('agent/budget', { principalId: 'telegram:1' });
        samples.push(performance.now() - before);
      }
      samples.sort((a, b) => a - b);
      figures[`p50_ms@${target}`] = quantile(samples, 0.5);
    }
    return report('budget check with N steps today (libSQL)', figures);
  } finally {
    await agent.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await turns('durable turns, no budget (libSQL)', {}, 1000);
await turns('durable turns, daily budget (libSQL)', { budgets: { perPrincipalDaily: { tokens: 1e12 } } }, 1000);
await budgetChecks([10, 100, 1000]);
