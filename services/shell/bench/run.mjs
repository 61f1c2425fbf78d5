// Shell exec overhead: what a sandboxed command costs besides the command itself. Run after `tsup`:
// `pnpm bench` (or `node bench/run.mjs`). Three figures, each p50/p99 over BENCH_RUNS runs of `true`:
//   1. bwrap spawn to exit (execCommand: sandbox set-up, spawn, wait, collect output);
//   2. the whole service path (shell/exec action: policy, guard, sandbox, audit record);
//   3. the policy check alone on a typical model-written shell line.
// Needs bubblewrap (`apt-get install bubblewrap`); prints a notice and exits 0 without it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAgent, createMemoryStore } from '@downcity/core';
import { detectBwrap, evaluatePolicy, execCommand, shellService } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const POLICY_RUNS = Number(process.env.BENCH_POLICY_RUNS ?? 10_000);

if (!detectBwrap()) {
  console.log('shell bench: bubblewrap (bwrap) is not installed; nothing measured.');
  process.exit(0);
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, 'p50 ms': at(0.5).toFixed(3), 'p99 ms': at(0.99).toFixed(3), 'max ms': sorted.at(-1).toFixed(3) };
}

async function measure(runs, operation) {
  for (let index = 0; index < Math.min(10, runs); index += 1) await operation();
  const samples = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await operation();
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'downcity-shell-bench-'));
const workspace = path.join(dataDir, 'workspace');
const rows = [];
try {
  const agent = createAgent({
    logger: { level: 'silent' },
    store: createMemoryStore(),
    services: [shellService],
    config: { agent: { dataDir }, services: { shell: { workspace, approval: { mode: 'allowlist' }, policy: { allow: [{ program: 'true' }] } } } },
  });
  await agent.start();
  try {
    rows.push({ figure: 'bwrap spawn to exit (execCommand true)', ...(await measure(RUNS, () => execCommand({ argv: ['true'], workspace }))) });
    rows.push({
      figure: 'service path (shell/exec true)',
      ...(await measure(RUNS, async () => {
        const result = await agent.invoke('shell/exec', { argv: ['true'] });
        if (result.status !== 'ran') throw new Error(`shell/exec did not run: ${JSON.stringify(result)}`);
      })),
    });
  } finally {
    await agent.stop();
  }
  const line = ['bash', '-c', 'cd src && ls -la | grep -v node_modules > files.txt; for f in *.ts; do wc -l "$f"; done && echo "$HOME"'];
  const policy = { allow: ['cd', 'ls', 'grep', 'wc', 'echo', 'bash'].map((program) => ({ program })) };
  rows.push({ figure: 'policy check of a typical shell line', ...(await measure(POLICY_RUNS, () => evaluatePolicy(line, policy))) });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`shell bench (${os.cpus().length} cores, node ${process.version}, uid ${process.getuid?.()})`);
console.table(rows);
