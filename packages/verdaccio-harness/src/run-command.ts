import { spawn } from 'node:child_process';

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** The working folder. */
  cwd: string;
  /** Extra environment variables, merged over `process.env` less its npm and pnpm settings ({@link cleanNpmEnv}). */
  env?: Record<string, string | undefined>;
  /** Kill the command after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

/** What a finished command printed. */
export interface CommandOutput {
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/**
 * A copy of `env` without inherited npm and pnpm settings (`npm_config_*`, `pnpm_config_*`).
 * `pnpm run` injects the workspace's settings (registry, auto-install-peers...) into every script's
 * environment; they would override the `.npmrc` of a temp project or registry.
 */
export function cleanNpmEnv(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^p?npm_config_/i.test(key)));
}

/**
 * Runs a program (no shell) without the caller's npm and pnpm settings, and resolves with its
 * output; rejects with the output when it fails or times out.
 */
export function runCommand(command: string, args: string[], options: RunCommandOptions): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...cleanNpmEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}:\n${stderr || stdout}`));
    });
  });
}
