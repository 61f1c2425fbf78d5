import { spawn } from 'node:child_process';

/** The result of a finished command. */
export interface CommandResult {
  /** The exit code (null when killed). */
  code: number | null;
  /** stdout and stderr, interleaved. */
  output: string;
}

/**
 * The environment for commands run inside a generated project: this process's, without what vitest and an
 * outer `pnpm run` set (so the project's own vitest and pnpm behave as in a fresh shell), and no colours.
 */
export function cleanEnv(): Record<string, string | undefined> {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$|npm_|PNPM_|INIT_CWD$|TURBO_|FORCE_COLOR$)/i.test(name));
  return { ...Object.fromEntries(inherited), NO_COLOR: '1' };
}

/**
 * Runs a command to completion with a clean environment; never rejects on a non-zero exit.
 *
 * @param command - the program
 * @param args - its arguments
 * @param options - the working directory, stdin text and a timeout
 */
export function runCommand(command: string, args: readonly string[], options: { cwd: string; input?: string; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 120_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(options.input ?? '');
  });
}
