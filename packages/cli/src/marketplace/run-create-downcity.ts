import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CliError } from '../cli/cli-error.js';
import type { CommandContext } from '../cli/command.js';
import { ExitCodes, type ExitCode } from '../cli/exit-codes.js';

/** Options for {@link runCreateDowncity}. */
export interface RunCreateDowncityOptions {
  /** The command's context: working folder, environment, output. */
  context: CommandContext;
  /** The arguments for create-downcity. */
  args: string[];
  /** Environment variables to add (e.g. `npm_config_registry` for its install). */
  env?: Record<string, string>;
}

/** What create-downcity printed. */
export interface CreateDowncityOutput {
  /** Its standard output. */
  stdout: string;
}

async function binPath(): Promise<string> {
  const packageJsonFile = createRequire(import.meta.url).resolve('create-downcity/package.json');
  const packageJson = JSON.parse(await readFile(packageJsonFile, 'utf8')) as { bin?: Record<string, string> };
  const bin = packageJson.bin?.['create-downcity'];
  if (!bin) throw new CliError(ExitCodes.failure, `The installed create-downcity (${packageJsonFile}) has no create-downcity bin. Reinstall @downcity/cli.`);
  return path.join(path.dirname(packageJsonFile), bin);
}

const EXIT_CODES: Record<number, ExitCode> = { 2: ExitCodes.usage, 3: ExitCodes.invalidConfig, 6: ExitCodes.refused };

/**
 * Runs the create-downcity that ships with this CLI, in a child process. Its progress goes to this
 * command's standard output (with `--json` it is only collected); a non-zero exit becomes a
 * {@link CliError} with its error message and the matching exit code.
 */
export async function runCreateDowncity(options: RunCreateDowncityOptions): Promise<CreateDowncityOutput> {
  const { context } = options;
  const bin = await binPath();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...options.args], { cwd: context.cwd, env: { ...context.io.env, ...options.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!context.output.json) context.io.stdout.write(chunk);
    });
    // Only errors go to its standard error; they become this command's error message.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
    child.on('error', (error) => reject(new CliError(ExitCodes.failure, `Could not run create-downcity: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ stdout });
      const message = stderr.trim().replace(/^✗ /, '') || `create-downcity exited with ${signal ?? code}.`;
      reject(new CliError(EXIT_CODES[code ?? 1] ?? ExitCodes.failure, message, { details: { exitCode: code, signal } }));
    });
  });
}
