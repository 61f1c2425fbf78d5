import { shellError } from '../shell-error.js';
import { buildBwrapArgs, requireBwrap } from './bwrap.js';
import { resolveWorkingDirectory } from './resolve-working-directory.js';
import { parseSandboxConfig, type SandboxConfig, type SandboxConfigInput } from './sandbox-config.js';
import { buildSandboxEnv } from './sandbox-env.js';
import { runProcess, type ExecResult } from './run-process.js';

/** Options for {@link execCommand}: the command plus the sandbox settings. */
export interface ExecCommandOptions extends SandboxConfigInput {
  /** The command, program first. Spawned directly, never through a shell. */
  argv: readonly string[];
  /** The workspace directory: the only place the command can write. */
  workspace: string;
  /** Working directory, absolute or relative to the workspace; must resolve inside it. */
  cwd?: string;
  /** Host environment to pick allowlisted variables from. Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Text written to the command's stdin. */
  stdin?: string;
  /** Kills the command when it fires; the result then has `aborted: true`. */
  signal?: AbortSignal;
}

/** A command ready to spawn: the executable, its arguments and its environment. */
export interface PreparedCommand {
  /** Executable to spawn (bwrap, or the program itself when unsandboxed). */
  file: string;
  /** Its arguments. */
  args: string[];
  /** Host working directory for the spawn. */
  cwd: string;
  /** The filtered environment. */
  env: Record<string, string>;
}

/**
 * Wraps an argv for the configured sandbox after checking the working directory.
 *
 * @param options - the command, workspace, cwd, environment and parsed sandbox settings
 * @returns what to spawn
 * @throws DowncityError (`details.reason`) when the argv is empty, the cwd escapes the workspace, or bwrap is missing
 */
export async function prepareCommand(options: {
  argv: readonly string[];
  workspace: string;
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  config: SandboxConfig;
}): Promise<PreparedCommand> {
  const { argv, config } = options;
  if (argv.length === 0 || argv[0] === '' || argv.some((arg) => arg.includes('\0'))) {
    throw shellError('INVALID_ARGV', 'The command must be a non-empty argv without NUL bytes.');
  }
  const directories = await resolveWorkingDirectory({ workspace: options.workspace, cwd: options.cwd });
  const env = buildSandboxEnv({ source: options.env ?? process.env, allowlist: config.envAllowlist, home: directories.workspace });
  if (config.sandbox === 'none') {
    return { file: argv[0]!, args: argv.slice(1), cwd: directories.cwd, env };
  }
  const file = requireBwrap(config.bwrapPath);
  const args = buildBwrapArgs({ ...directories, network: config.network, readOnlyPaths: config.readOnlyPaths, argv });
  return { file, args, cwd: directories.workspace, env };
}

/**
 * Runs one command in the sandbox: bubblewrap by default, with only the workspace writable,
 * no network unless allowed, a filtered environment, a timeout that kills everything the
 * command started, and capped output. The argv is spawned directly, never through a shell.
 * The policy is not checked here: call `evaluatePolicy` first.
 *
 * @param options - the command and sandbox settings
 * @returns exit status, output and timing
 * @throws DowncityError (`details.reason`) `SANDBOX_UNAVAILABLE`, `WORKSPACE_INVALID`, `CWD_NOT_FOUND`,
 *   `CWD_OUTSIDE_WORKSPACE`, `INVALID_ARGV` or `SPAWN_FAILED`
 */
export async function execCommand(options: ExecCommandOptions): Promise<ExecResult> {
  const config = parseSandboxConfig(options);
  const prepared = await prepareCommand({ ...options, config });
  return runProcess({
    ...prepared,
    timeoutMs: config.timeoutMs,
    maxOutputBytes: config.maxOutputBytes,
    stdin: options.stdin,
    signal: options.signal,
  });
}
