import { shellError } from '../shell-error.js';
import { killProcessGroup } from './kill-process-group.js';
import { captureLimitFor, OutputCollector } from './output-collector.js';
import { renderOutput } from './render-output.js';
import { spawnPrepared, type PipedChild, type PreparedCommand } from './spawn-prepared.js';

/** The outcome of one command. */
export interface ExecResult {
  /** The exit code, or `null` when the process was killed by a signal. */
  exitCode: number | null;
  /** The signal that killed the process, if any. */
  signal: NodeJS.Signals | null;
  /** Standard output, sanitised (control bytes replaced) and capped together with stderr at `maxOutputChars`. */
  stdout: string;
  /** Standard error, sanitised and capped together with stdout at `maxOutputChars`. */
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

/** A prepared process to spawn directly (never through a shell) and supervise. */
export interface RunProcessOptions {
  /** What to spawn, from `prepareCommand`. */
  prepared: PreparedCommand;
  /** Text written to stdin, which is then closed. */
  stdin?: string;
  /** Kill the process group after this many milliseconds. */
  timeoutMs: number;
  /** Return at most this many characters of stdout and stderr together (see `renderOutput`). */
  maxOutputChars: number;
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
  const limit = captureLimitFor(options.maxOutputChars);
  const stdout = new OutputCollector(limit);
  const stderr = new OutputCollector(limit);
  const finish = (input: { exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean; aborted: boolean }): ExecResult => ({
    ...input,
    ...renderOutput({ stdout: stdout.captured(), stderr: stderr.captured(), maxChars: options.maxOutputChars }),
    durationMs: Math.round(performance.now() - started),
  });
  if (options.signal?.aborted) {
    return Promise.resolve(finish({ exitCode: null, signal: null, timedOut: false, aborted: true }));
  }
  const { file } = options.prepared;
  let child: PipedChild;
  try {
    child = spawnPrepared(options.prepared);
  } catch (cause) {
    return Promise.reject(shellError('SPAWN_FAILED', `Could not start "${file}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
  }
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
      reject(shellError('SPAWN_FAILED', `Could not start "${file}": ${cause.message}`, { cause }));
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
