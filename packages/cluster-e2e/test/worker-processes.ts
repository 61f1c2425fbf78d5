import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a worker printed once it served. */
export interface WorkerReady {
  /** The port its Telegram webhook listens on (null in polling mode). */
  port: number | null;
  /** Its cluster worker id. */
  workerId: string;
  /** Its process id. */
  pid: number;
}

const FIXTURE = fileURLToPath(new URL('./fixtures/telegram-worker.mjs', import.meta.url));

/**
 * One worker process of the cluster under test (`fixtures/telegram-worker.mjs`), started with `start()` and killed
 * with `kill()`; `restart()` starts a fresh process in its place. Keeps its log lines (stderr JSON) for checks.
 */
export class WorkerProcess {
  readonly #env: Record<string, string>;
  #child: ChildProcess | undefined;
  #ready: WorkerReady | undefined;
  #exited: Promise<void> = Promise.resolve();
  /** Every JSON log line of every process this slot ran, oldest first. */
  readonly logs: Record<string, unknown>[] = [];
  /** How many processes this slot started. */
  starts = 0;
  /** Everything its processes printed on stdout. */
  stdout = '';

  /** The slot's name in logs and checks, e.g. `worker-1`. */
  readonly name: string;

  /** A worker slot with the environment its processes get. */
  constructor(name: string, env: Record<string, string>) {
    this.name = name;
    this.#env = env;
  }

  /** The ready line of the running process, when it is up. */
  get ready(): WorkerReady | undefined {
    return this.#ready;
  }

  /** Starts a process and resolves with its ready line. */
  async start(timeoutMs = 60_000): Promise<WorkerReady> {
    this.starts++;
    const child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, ...this.#env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#ready = undefined;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let errLine = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      errLine += chunk;
      const lines = errLine.split('\n');
      errLine = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push({ worker: this.name, ...(JSON.parse(line) as Record<string, unknown>) });
        } catch {
          this.logs.push({ worker: this.name, raw: line });
        }
      }
    });
    return new Promise<WorkerReady>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start within ${timeoutMs} ms; last log lines: ${JSON.stringify(this.logs.slice(-5))}`)), timeoutMs);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        this.stdout += chunk;
        const match = /READY (\{.*\})\n/.exec(out);
        if (match && this.#ready === undefined) {
          clearTimeout(timer);
          this.#ready = JSON.parse(match[1] as string) as WorkerReady;
          resolve(this.#ready);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.#ready === undefined) reject(new Error(`${this.name} exited (${code ?? signal}) before it was ready; last log lines: ${JSON.stringify(this.logs.slice(-5))}`));
      });
    });
  }

  /** Sends a signal to the running process and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    this.#ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await this.#exited;
  }

  /** Stops the running process gracefully (SIGTERM), killing it when it does not exit within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill('SIGTERM');
    await this.#exited;
    clearTimeout(timer);
    this.#ready = undefined;
  }
}
