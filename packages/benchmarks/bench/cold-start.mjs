// Cold start: a fresh Node process imports @downcity/core and @downcity/store-libsql, starts an
// agent on a libSQL file and runs one turn. Prints import-to-ready time and RSS; median of 5 runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { report } from './stats.mjs';

const script = `
const started = performance.now();
const { createAgent } = await import('@downcity/core');
const { createLibsqlStore } = await import('@downcity/store-libsql');
const agent = createAgent({ logger: { level: 'silent' }, store: createLibsqlStore({ path: process.argv[1] }) });
await agent.start();
const ready = performance.now() - started;
await agent.session.open('cold:1', { kind: 'chat' });
await agent.session.append('cold:1', [{ role: 'user', content: 'hello' }]);
const rss = process.memoryUsage().rss;
await agent.stop();
process.stdout.write(JSON.stringify({ ready, rss }));
`;

const folder = mkdtempSync(path.join(tmpdir(), 'downcity-cold-'));
try {
  const runs = [];
  for (let index = 0; index < 5; index++) {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, path.join(folder, `cold-${index}.db`)], {
      cwd: new URL('..', import.meta.url),
      encoding: 'utf8',
    });
    runs.push(JSON.parse(output));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ready = median(runs.map((run) => run.ready));
  const rss = median(runs.map((run) => run.rss)) / 1024 / 1024;
  report('cold start (import to ready, libSQL file)', { ready_ms: ready, rss_mb: rss });
  console.log(`target ${ready < 300 ? 'met   ' : 'MISSED'} cold start < 300 ms`);
  console.log(`target ${rss < 100 ? 'met   ' : 'MISSED'} RSS < 100 MB`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
