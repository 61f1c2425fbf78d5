import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@downcity/testing/postgres';
import { eventually } from './workers.js';

const script = fileURLToPath(new URL('./fixtures/cluster-worker.mjs', import.meta.url));

/** A line the child printed. */
export type ChildEvent = { event: string } & Record<string, unknown>;

/** A worker in a child process (test/fixtures/cluster-worker.mjs, on the built package). */
export interface ChildWorker {
  /** What it printed so far. */
  events: ChildEvent[];
  /** Its cluster's worker id, once ready. */
  workerId: string;
  /** Waits until it printed `event` (the `count`th time), failing with its stderr after the deadline. */
  waitFor(event: string, count?: number): Promise<ChildEvent>;
  /** Kills it with SIGKILL (no cleanup of any kind) and waits for it to exit. */
  kill(): Promise<void>;
}

const children = new Set<ChildProcess>();

/**
 * Starts a worker process and waits until its cluster is open (and running or holding, per `mode`).
 *
 * @param options - the database, schemas and what the child does
 */
export async function startChildWorker(
  database: TestDatabase,
  options: { storeSchema: string; schema: string } & ({ mode: 'job'; task: string } | { mode: 'lease'; lease: string }),
): Promise<ChildWorker> {
  const child = spawn(process.execPath, [script, JSON.stringify({ url: database.url, ...options })], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const events: ChildEvent[] = [];
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    children.delete(child);
    resolve();
  }));
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') events.push(JSON.parse(line) as ChildEvent);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
  });
  const waitFor = async (event: string, count = 1): Promise<ChildEvent> => {
    try {
      return await eventually(`the child worker to print "${event}"`, () => {
        const seen = events.filter((line) => line.event === event);
        if (seen.length >= count) return seen[count - 1];
        if (exited) throw new Error(`the child worker exited before printing "${event}"`);
        return undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nchild stderr:\n${stderr}`, { cause: error });
    }
  };
  const ready = await waitFor('ready');
  return {
    events,
    workerId: String(ready.workerId),
    waitFor,
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** Kills every child worker still running (for `afterEach`). */
export async function killChildWorkers(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
