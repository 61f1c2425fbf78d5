import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresStore } from '@downcity/store-postgres';
import { createTestDatabase, type TestDatabase } from '@downcity/testing/postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FINAL_STATUSES, type RunRecord } from '../src/index.js';
import { eventually } from './cluster-workers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/cluster-worker.ts', import.meta.url));

// Fails the file, saying how to get a database, when DOWNCITY_TEST_DATABASE_URL is not set.
const database: TestDatabase = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), 'downcity-task-cluster-'));
afterAll(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A worker process (test/fixtures/cluster-worker.ts). */
interface WorkerProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

const running = new Set<WorkerProcess>();
afterEach(async () => {
  // Whatever a failing test left running is killed; nothing outlives the file.
  await Promise.all([...running].map((worker) => kill(worker, 'SIGKILL')));
});

async function startWorker(name: string, schema: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, JSON.stringify({ schema, name, dir })], {
    cwd: packageDir,
    env: { ...process.env, DOWNCITY_DATABASE_URL: database.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  let gone = false;
  child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const worker: WorkerProcess = { name, child, exited: new Promise((resolve) => child.once('exit', () => ((gone = true), resolve()))) };
  running.add(worker);
  void worker.exited.then(() => running.delete(worker));
  await eventually(`worker ${name} to start`, () => {
    if (gone) throw new Error(`worker ${name} exited before it was ready: ${stderr}`);
    return output.includes('"event":"ready"');
  }, 60_000).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  });
  return worker;
}

async function kill(worker: WorkerProcess, signal: NodeJS.Signals): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  await worker.exited;
}

/** The shared log: one line per execution start and end. */
interface LogLine {
  kind: 'start' | 'hold' | 'done';
  runId: string;
  attempt: number;
  worker: string;
}

async function readLog(): Promise<LogLine[]> {
  const text = await readFile(path.join(dir, 'runs.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [kind, runId, attempt, worker] = line.split(' ');
      return { kind: kind as LogLine['kind'], runId: runId ?? '', attempt: Number(attempt), worker: worker ?? '' };
    });
}

const SLOTS = 20;

describe('a task on three worker processes', () => {
  it('fires each of 20 one-second slots exactly once while a worker is SIGKILLed mid-run and restarted', { timeout: 180_000 }, async () => {
    const schema = database.schema();
    const workers = await Promise.all(['w1', 'w2', 'w3'].map((name) => startWorker(name, schema)));

    // Let a few slots pass, then make the next run that starts hang, and SIGKILL the worker running it mid-run.
    await eventually('6 runs done', async () => (await readLog()).filter((line) => line.kind === 'done').length >= 6);
    await writeFile(path.join(dir, 'hold'), '');
    const hung = await eventually('a run to hang', async () => (await readLog()).find((line) => line.kind === 'hold'));
    const victim = workers.find((worker) => worker.name === hung.worker)!;
    await kill(victim, 'SIGKILL');
    // The killed worker comes back (a supervisor would restart it) and joins the others.
    workers.splice(workers.indexOf(victim), 1, await startWorker(`${victim.name}-restarted`, schema));

    // Wait until the first 20 slots' runs are final, then stop every worker gracefully.
    const store = createPostgresStore({ connectionString: database.url, schema, maxConnections: 2 });
    await store.open();
    let runs: RunRecord[] = [];
    try {
      const stored = async (): Promise<RunRecord[]> =>
        (await store.collection<RunRecord>('task:runs').list({ limit: 1_000 })).map((entry) => entry.value).sort((left, right) => left.scheduledFor.localeCompare(right.scheduledFor));
      await eventually(
        `the first ${SLOTS} runs to be final`,
        async () => {
          const sofar = await stored();
          return sofar.length >= SLOTS && sofar.slice(0, SLOTS).every((run) => FINAL_STATUSES.has(run.status));
        },
        120_000,
      );
      await Promise.all(workers.map((worker) => kill(worker, 'SIGTERM')));
      expect(running.size).toBe(0);
      runs = await stored();
    } finally {
      await store.close();
    }
    const lines = await readLog();

    // Every slot from the first one on has exactly one run record (one schedule phase across the workers), with no
    // slot missing, up to the last one fired before the stop.
    const first = Date.parse(runs[0]!.scheduledFor);
    expect(runs.length).toBeGreaterThanOrEqual(SLOTS);
    expect(runs.map((run) => run.id)).toEqual(runs.map((_, index) => `tick:${new Date(first + index * 1_000).toISOString()}`));
    const window = runs.slice(0, SLOTS);
    expect(window.every((run) => run.trigger === 'schedule' && run.status === 'succeeded')).toBe(true);
    // ...and ran to the end exactly once.
    for (const run of window) {
      const done = lines.filter((line) => line.kind === 'done' && line.runId === run.id);
      expect({ runId: run.id, done: done.length }).toEqual({ runId: run.id, done: 1 });
      expect(run.output).toBe(done[0]?.worker);
    }

    // The killed run: its first attempt is recorded interrupted, and another worker ran the retry.
    const killed = runs.find((run) => run.id === hung.runId)!;
    expect(killed.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.error?.code])).toEqual([
      [1, 'interrupted', 'INTERRUPTED'],
      [2, 'succeeded', undefined],
    ]);
    expect(hung.attempt).toBe(1);
    const starts = lines.filter((line) => line.kind === 'start' && line.runId === hung.runId);
    expect(starts.map((line) => [line.attempt, line.worker === victim.name])).toEqual([
      [1, true],
      [2, false],
    ]);
    // Every other run of the window ran once, at its first attempt.
    for (const run of window.filter((entry) => entry.id !== hung.runId)) expect([run.id, run.attempt]).toEqual([run.id, 1]);

    // The runs were spread over the workers.
    const byWorker = new Map<string, number>();
    for (const line of lines.filter((entry) => entry.kind === 'done' && window.some((run) => run.id === entry.runId))) {
      byWorker.set(line.worker, (byWorker.get(line.worker) ?? 0) + 1);
    }
    expect(byWorker.size).toBeGreaterThanOrEqual(2);
  });
});
