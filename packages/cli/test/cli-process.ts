import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
// The CLI from its source, as a real process: Node.js with tsx's loader (resolved from here, not from the project).
const LOADER = import.meta.resolve('tsx');

/** A `downcity` process running in the background. */
export interface CliProcess extends AsyncDisposable {
  /** The child process. */
  child: ChildProcess;
  /** Everything it wrote to standard output and standard error so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output (waiting up to `timeoutMs`, default 60 s). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with its exit code (or the signal that ended it) once it exited. */
  exited: Promise<number | NodeJS.Signals>;
  /** Sends `signal` (default SIGTERM) unless it already exited, and resolves with how it exited. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/** Every process started here and not yet exited: killed when the test process exits, even after a timeout. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `downcity <args>` as a real process in `cwd` with exactly `env` (plus PATH). */
export function startCli(args: string[], options: { cwd: string; env: Record<string, string | undefined> }): CliProcess {
  const child = spawn(process.execPath, ['--import', LOADER, BIN, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const watchers = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let closed = false;
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('close', (code, signal) => {
      closed = true;
      resolve(code ?? signal ?? 'SIGKILL');
    }),
  );
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    child,
    output: () => output,
    exited,
    stop,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for ${String(pattern)} in the output of downcity ${args.join(' ')}:\n${output}`));
        }, timeoutMs);
        const gone = (): void => {
          cleanup();
          reject(new Error(`downcity ${args.join(' ')} exited before printing ${String(pattern)}:\n${output}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          watchers.delete(check);
          child.off('close', gone);
        };
        watchers.add(check);
        child.once('close', gone);
        check();
        if (closed) gone();
      }),
    [Symbol.asyncDispose]: async () => {
      if ((await Promise.race([stop(), new Promise((resolve) => setTimeout(resolve, 30_000, 'timeout'))])) === 'timeout') await stop('SIGKILL');
    },
  };
}
