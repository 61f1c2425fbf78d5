import type { DowncityError } from '@downcity/core';
import { spawn } from 'node:child_process';
import { asrError } from '../errors/asr-error.js';

/** Options for {@link runProcess}. */
export interface RunProcessOptions {
  /** The program to run, looked up on `PATH` unless it contains a slash. */
  command: string;
  /** Its arguments, passed as argv (never through a shell). */
  args: readonly string[];
  /** Bytes written to the program's stdin; stdin is closed when omitted. */
  input?: Uint8Array;
  /** The program is killed (SIGKILL) after this many milliseconds. */
  timeoutMs: number;
  /** Aborting kills the program. */
  signal?: AbortSignal;
  /** The program is killed when stdout grows past this many bytes. Default 256 MiB. */
  maxStdoutBytes?: number;
}

/** What a finished program produced. */
export interface ProcessOutput {
  /** The exit code, or `null` when a signal ended it. */
  exitCode: number | null;
  /** Everything written to stdout. */
  stdout: Buffer;
  /** The last 64 KiB of stderr, decoded as UTF-8. */
  stderr: string;
}

const STDERR_TAIL_BYTES = 64 * 1024;

/**
 * Runs a program to completion and collects its output. Rejects with an asr `DowncityError`:
 * `BINARY_MISSING` when the program is not installed, `TIMEOUT`, `ABORTED`, or `ENGINE_FAILED`
 * when stdout is too large. A non-zero exit code is not an error here; callers read `exitCode`.
 * The child is always killed before this settles, so nothing outlives the call.
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessOutput> {
  const { command, args, input, timeoutMs, signal } = options;
  const maxStdoutBytes = options.maxStdoutBytes ?? 256 * 1024 * 1024;
  if (signal?.aborted) return Promise.reject(abortedError(command, signal.reason));

  return new Promise<ProcessOutput>((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let settled = false;

    const finish = (outcome: { output: ProcessOutput } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.output);
    };
    const onAbort = (): void => finish({ error: abortedError(command, signal?.reason) });
    const timer = setTimeout(() => {
      finish({ error: asrError('TIMEOUT', `${command} did not finish within ${timeoutMs} ms and was stopped. Raise timeoutMs for long audio.`, { details: { command, timeoutMs } }) });
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        finish({ error: asrError('BINARY_MISSING', `The program "${command}" is not installed or not on PATH.`, { cause: error, details: { command } }) });
      } else {
        finish({ error: asrError('ENGINE_FAILED', `Could not run "${command}": ${error.message}`, { cause: error, details: { command } }) });
      }
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) {
        finish({ error: asrError('ENGINE_FAILED', `${command} produced more than ${maxStdoutBytes} bytes of output and was stopped.`, { details: { command } }) });
        return;
      }
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });
    child.on('close', (exitCode) => {
      finish({ output: { exitCode, stdout: Buffer.concat(stdout), stderr: stderr.toString('utf8') } });
    });

    if (input && child.stdin) {
      // The program may exit before reading all input (e.g. on corrupt audio): ignore EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

function abortedError(command: string, reason: unknown): DowncityError {
  return asrError('ABORTED', `${command} was stopped because the operation was aborted.`, { cause: reason, details: { command } });
}
