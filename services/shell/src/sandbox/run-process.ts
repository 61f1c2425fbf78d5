import { spawn } from 'node:child_process';
import { shellError } from '../shell-error.js';
import { killProcessGroup } from './kill-process-group.js';
import { OutputCollector } from './output-collector.js';

/** The outcome of one command. */
export interface ExecResult {
  /** The exit code, or `null` when the process was killed by a signal. */
  exitCode: number | null;
  /** The signal that killed the process, if any. */
  signal: NodeJS.Signals | null;
  /** Standard output, capped at `maxOutputBytes`. */
  stdout: string;
  /** Standard error, capped at `maxOutputBytes`. */
  stderr: string;
  /** Whether stdout or stderr was cut at the cap. */
  truncated: boolean;
  /** Whether the command was killed for running past `timeoutMs`. */
  timedOut: boolean;
  /** Whether the command was killed because the caller's `AbortSignal` fired. */
  aborted: boolean;
  /** Wall-clock run time in milliseconds. */
  durationMs: number;
}

/** A process to spawn directly (never through a shell) and supervise. */
export interface RunProcessOptions {
  /** Executable to spawn. */
  file: string;
  /** Its arguments. */
  args: readonly string[];
  /** Host working directory for the spawned process. */
  cwd: string;
  /** The complete environment for the spawned process. */
  env: Record<string, string>;
  /** Text written to stdin, which is then closed. */
  stdin?: string;
  /** Kill the process group after this many milliseconds. */
  timeoutMs: number;
  /** Keep at most this many bytes per stream. */
  maxOutputBytes: number;
  /** Kill the process group when this fires. */
  signal?: AbortSignal;
}

/** How long to wait for output pipes to close after the process has exited. */
const PIPE_GRACE_MS = 1000;

/**
 * Spawns a process in its own process group, feeds stdin, caps its output, and kills the
 * whole group on timeout, on abort, and once the main process has exited (so nothing it
 * started in the background survives).
 *
 * @param options - what to run and its limits
 * @returns the exit status and captured output
 * @throws DowncityError (`details.reason`) `SPAWN_FAILED` when the executable cannot be started
 */
export function runProcess(options: RunProcessOptions): Promise<ExecResult> {
  const started = performance.now();
  const stdout = new OutputCollector(options.maxOutputBytes);
  const stderr = new OutputCollector(options.maxOutputBytes);
  const finish = (input: { exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean; aborted: boolean }): ExecResult => ({
    ...input,
    stdout: stdout.text(),
    stderr: stderr.text(),
    truncated: stdout.truncated || stderr.truncated,
    durationMs: Math.round(performance.now() - started),
  });
  if (options.signal?.aborted) {
    return Promise.resolve(finish({ exitCode: null, signal: null, timedOut: false, aborted: true }));
  }
  const child = spawn(options.file, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(options.stdin ?? '');
  let timedOut = false;
  let aborted = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killProcessGroup(child);
  }, options.timeoutMs);
  const onAbort = (): void => {
    aborted = true;
    killProcessGroup(child);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let graceTimer: NodeJS.Timeout | undefined;
  const cleanup = (): void => {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    options.signal?.removeEventListener('abort', onAbort);
  };
  return new Promise((resolve, reject) => {
    child.once('error', (cause) => {
      cleanup();
      killProcessGroup(child);
      reject(shellError('SPAWN_FAILED', `Could not start "${options.file}": ${cause.message}`, { cause }));
    });
    child.once('exit', () => {
      killProcessGroup(child);
      graceTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS);
    });
    child.once('close', (exitCode, signal) => {
      cleanup();
      resolve(finish({ exitCode, signal, timedOut, aborted }));
    });
  });
}
