import { spawn, type ChildProcess } from 'node:child_process';
import type { CliIo } from '../cli/cli-io.js';
import { ExitCodes, type ExitCode } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { readProjectConfig } from '../project/read-project-config.js';
import { requirePostgresStore } from '../project/require-postgres-store.js';
import { isWorkerReady } from './supervisor-link.js';

/** Options for {@link superviseWorkers}. */
export interface SuperviseWorkersOptions {
  /** The project folder. */
  dir: string;
  /** Streams and environment (the workers get this environment). */
  io: CliIo;
  /** Where notes go. */
  output: Output;
  /** How many workers to run, at least 1. */
  count: number;
  /** `--concurrency` for every worker; default the config's `cluster.concurrency`. */
  concurrency?: number;
  /** The command that runs the CLI; default this process's Node.js, its flags and its script. */
  command?: readonly string[];
  /** The wait before restarting a worker that exited: `first`, doubled after each exit before it ran, at most `max`. Default 1 s and 30 s. */
  restartDelayMs?: { first: number; max: number };
}

/** One worker the supervisor keeps running. */
interface Slot {
  /** 1..count. */
  index: number;
  /** The running process, if any. */
  child: ChildProcess | undefined;
  /** Its id in the cluster once it reported running. */
  workerId: string | undefined;
  /** The wait before the next restart. */
  delay: number;
  /** A pending restart. */
  timer: NodeJS.Timeout | undefined;
}

/** Exit codes after which a restart cannot help: the command line or the config is wrong. */
const FATAL: ReadonlySet<number> = new Set([ExitCodes.usage, ExitCodes.invalidConfig]);

/**
 * `downcity start --workers N`: runs N worker processes of the project (each `downcity start --worker`),
 * restarts one that exits unexpectedly (after 1 s, doubling up to 30 s while it keeps failing before it runs),
 * forwards SIGINT and SIGTERM to every worker and waits for them to stop. Each worker runs in its own process
 * group, so a terminal's Ctrl-C reaches them once, through the supervisor; a worker whose supervisor dies
 * stops by itself. A worker that exits with a config or usage error (exit 3 or 2) stops the whole cluster
 * with that code: restarting it would fail the same way.
 */
export async function superviseWorkers(options: SuperviseWorkersOptions): Promise<ExitCode> {
  const { dir, io, output, count } = options;
  const read = await output.step('Reading the config', () => readProjectConfig(dir, { env: io.env }));
  requirePostgresStore(read.config);
  const [program = process.execPath, ...prefix] = options.command ?? [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
  const delays = options.restartDelayMs ?? { first: 1_000, max: 30_000 };
  const slots: Slot[] = Array.from({ length: count }, (_, offset) => ({ index: offset + 1, child: undefined, workerId: undefined, delay: delays.first, timer: undefined }));
  let stopping: string | undefined;
  let exitCode: ExitCode = ExitCodes.ok;
  let allStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (allStopped = resolve));

  const running = (): string =>
    slots
      .filter((slot) => slot.workerId !== undefined)
      .map((slot) => `${slot.index} (pid ${String(slot.child?.pid)})`)
      .join(', ') || 'none';
  const checkStopped = (): void => {
    if (stopping !== undefined && slots.every((slot) => slot.child === undefined)) allStopped();
  };
  const stopAll = (reason: string, signal: NodeJS.Signals): void => {
    const first = stopping === undefined;
    stopping ??= reason;
    if (first) output.note(`Stopping ${slots.filter((slot) => slot.child).length} worker(s) (${reason}); each lets its in-flight replies finish.`);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.child?.kill(signal);
    }
    checkStopped();
  };

  const launch = (slot: Slot): void => {
    slot.timer = undefined;
    const args = [...prefix, 'start', '--worker', '--cwd', read.dir, ...(options.concurrency === undefined ? [] : ['--concurrency', String(options.concurrency)])];
    const env = { ...io.env, DOWNCITY_WORKER_INDEX: String(slot.index), DOWNCITY_WORKER_COUNT: String(count) };
    const child = spawn(program, args, { cwd: read.dir, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
    slot.child = child;
    slot.workerId = undefined;
    child.on('message', (message) => {
      if (!isWorkerReady(message)) return;
      slot.workerId = message.workerId;
      slot.delay = delays.first;
      output.note(`Worker ${slot.index} of ${count} runs (pid ${String(child.pid)}, id ${message.workerId}, channels: ${message.channels.join(', ') || 'none'}). Running: ${running()}.`);
    });
    child.once('error', (error) => output.note(`Worker ${slot.index} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      slot.child = undefined;
      slot.workerId = undefined;
      if (stopping !== undefined) return checkStopped();
      if (code !== null && FATAL.has(code)) {
        exitCode = code as ExitCode;
        output.note(`Worker ${slot.index} exited with exit code ${code} (a config or usage error, see above); a restart would fail the same way.`);
        return stopAll(`worker ${slot.index} cannot run`, 'SIGTERM');
      }
      const seconds = slot.delay / 1000;
      output.note(`Worker ${slot.index} (pid ${String(child.pid)}) exited unexpectedly (${signal ?? `exit code ${String(code)}`}); restarting it in ${seconds} s. Running: ${running()}.`);
      slot.timer = setTimeout(() => launch(slot), slot.delay);
      slot.delay = Math.min(slot.delay * 2, delays.max);
    });
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping !== undefined) output.note('Stopping the workers now; unanswered messages are answered on the next start.');
    stopAll(signal, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    output.note(`Starting ${count} worker(s) of agent "${read.config.agent.name}" on PostgreSQL. Ctrl-C stops them.`);
    for (const slot of slots) launch(slot);
    await stopped;
    output.note('All workers stopped.');
    return exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
