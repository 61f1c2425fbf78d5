import { spawn } from 'node:child_process';

/** Runs a program with a time limit; resolves with its exit code and the start of its error output. Never rejects. */
export function runProgram(file: string, args: readonly string[], timeoutMs = 5_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2_000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve({ code: null, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}
