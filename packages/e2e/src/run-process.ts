import { spawn } from 'node:child_process';

/** Options for {@link runProcess}. */
export interface RunProcessOptions {
  /** The working folder. */
  cwd: string;
  /** The whole environment of the child. */
  env: Record<string, string | undefined>;
  /** Kill it after this many milliseconds (default 180 000). */
  timeoutMs?: number;
}

/** What a finished process did. */
export interface ProcessResult {
  /** Its exit code (`null` when killed). */
  code: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Runs a program (no shell) to the end and resolves with its exit code and output, whatever the code. */
export function runProcess(command: string, args: string[], options: RunProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a program that must succeed; rejects with its output otherwise. */
export async function runOk(command: string, args: string[], options: RunProcessOptions): Promise<ProcessResult> {
  const result = await runProcess(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.code} in ${options.cwd}:\n${result.stderr || result.stdout}`);
  return result;
}
