import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { runOk } from './run-process.js';

/** Options for {@link startAgentProcess}. */
export interface StartAgentProcessOptions {
  /** The project folder. */
  dir: string;
  /** The environment (the model and the HTTP token come from here). */
  env: Record<string, string | undefined>;
  /** Give up when it is not running after this many milliseconds (default 60 000). */
  startTimeoutMs?: number;
}

/** A `downcity start` running in a child process. */
export interface AgentProcess extends AsyncDisposable {
  /** The HTTP channel's URL, from `downcity status --json`. */
  readonly httpUrl: string;
  /** What `downcity status --json` said once it was running. */
  readonly status: { packages: Array<{ id: string; kind: string; name: string; version: string }>; channels: Array<{ id: string; info: { url?: string } }> };
  /** Its standard error so far (logs and notes). */
  stderr(): string;
  /** Sends SIGTERM and resolves with its exit code once it stopped (SIGKILL after 20 s). Safe to call twice. */
  stop(): Promise<number | null>;
}

function waitForRunning(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`downcity start did not report running within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = (): void => {
      if (!/is running/.test(output())) return;
      clearTimeout(timer);
      child.stderr?.off('data', check);
      resolve();
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`downcity start exited with ${code} before it ran:\n${output()}`));
    });
  });
}

/**
 * Runs the project's own `downcity start` (from its node_modules) and waits until it says it is
 * running; then asks `downcity status --json` over the control socket for the HTTP channel's URL.
 */
export async function startAgentProcess(options: StartAgentProcessOptions): Promise<AgentProcess> {
  const bin = path.join(options.dir, 'node_modules', '.bin', 'downcity');
  const child = spawn(bin, ['start'], { cwd: options.dir, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<number | null> | undefined;
  const stop = (): Promise<number | null> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    })();
    return stopping;
  };
  try {
    await waitForRunning(child, () => stderr, options.startTimeoutMs ?? 60_000);
    const { stdout } = await runOk(bin, ['status', '--json'], { cwd: options.dir, env: options.env, timeoutMs: 30_000 });
    const status = JSON.parse(stdout) as AgentProcess['status'];
    const httpUrl = status.channels.find((channel) => channel.id === 'http')?.info.url;
    if (!httpUrl) throw new Error(`The agent runs no HTTP channel: ${stdout}`);
    return { httpUrl, status, stderr: () => stderr, stop, [Symbol.asyncDispose]: async () => void (await stop()) };
  } catch (error) {
    await stop();
    throw error;
  }
}
