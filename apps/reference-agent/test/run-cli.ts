import { spawn, type ChildProcess } from 'node:child_process';
import { cliBin } from './reference-project.js';

/** What a `downcity` run printed and how it ended. */
export interface CliRun {
  /** The exit code. */
  code: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Standard output parsed as JSON (for `--json` runs). */
  json: () => Record<string, unknown>;
}

/** Runs `node packages/cli/dist/bin.js <args>` asynchronously (so fakes in this process keep answering). */
export function runCli(args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> }));
  });
}

/** Starts `downcity start` in the background; `stop()` sends SIGTERM and resolves with the exit code. */
export function startAgent(options: { cwd: string; env: Record<string, string | undefined> }): { child: ChildProcess; output: () => string; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [cliBin, 'start'], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
