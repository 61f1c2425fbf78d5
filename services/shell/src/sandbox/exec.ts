import { shellError } from '../shell-error.js';
import { buildBwrapArgs, requireBwrap } from './bwrap.js';
import { bwrapFeatures } from './bwrap-features.js';
import { inheritableDescriptors } from './inherited-descriptors.js';
import { resolveWorkingDirectory } from './resolve-working-directory.js';
import { runProcess, type ExecResult } from './run-process.js';
import { parseSandboxConfig, type SandboxConfig, type SandboxConfigInput } from './sandbox-config.js';
import { buildSandboxEnv } from './sandbox-env.js';
import { sandboxEtcFiles } from './sandbox-etc.js';
import { resolveSandboxUser } from './sandbox-user.js';
import type { PreparedCommand } from './spawn-prepared.js';

export type { PreparedCommand } from './spawn-prepared.js';

/** Options for {@link execCommand}: the command plus the sandbox settings. */
export interface ExecCommandOptions extends SandboxConfigInput {
  /** The command, program first. Spawned directly, never through a shell. */
  argv: readonly string[];
  /**
   * The workspace directory: the only place the command can write. When the agent runs as root it
   * must be owned by (or writable for) `sandboxUid`, and every directory above it searchable by it.
   */
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

/**
 * Wraps an argv for the configured sandbox after checking the working directory. With bubblewrap,
 * the generated `/etc` files are fed through descriptors from 3 up, and every descriptor this
 * process would let the command inherit is listed as a sink for bwrap to consume and close.
 *
 * @param options - the command, workspace, cwd, environment and parsed sandbox settings
 * @returns what to spawn (with `spawnPrepared`)
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
  const user = resolveSandboxUser({ sandboxUid: config.sandboxUid, sandboxGid: config.sandboxGid });
  const spawnAs = user.spawnAs === undefined ? {} : { spawnAs: user.spawnAs };
  if (config.sandbox === 'none') {
    return { file: argv[0]!, args: argv.slice(1), cwd: directories.cwd, env, ...spawnAs };
  }
  const file = requireBwrap(config.bwrapPath);
  const features = await bwrapFeatures(file);
  const sinks = inheritableDescriptors();
  const free = freeDescriptors(sinks);
  const inputs = sandboxEtcFiles({ user, home: directories.workspace, network: config.network }).map((generated) => ({ ...generated, descriptor: free.next().value }));
  const args = buildBwrapArgs({
    ...directories,
    network: config.network,
    readOnlyPaths: config.readOnlyPaths,
    argv,
    user,
    files: inputs,
    closeDescriptors: sinks,
    features,
  });
  return { file, args, cwd: '/', env, ...spawnAs, inputs: inputs.map(({ descriptor, content }) => ({ descriptor, content })), sinks };
}

/** Descriptor numbers from 3 up that are not taken by the given ones. */
function* freeDescriptors(taken: readonly number[]): Generator<number, never> {
  for (let descriptor = 3; ; descriptor += 1) if (!taken.includes(descriptor)) yield descriptor;
}

/**
 * Runs one command in the sandbox: bubblewrap by default, as an unprivileged uid with no
 * capabilities, only the workspace writable, no network unless allowed, a generated `/etc`, no
 * inherited descriptors, a filtered environment, a timeout that kills everything the command
 * started, and output sanitised and capped. The argv is spawned directly, never through a shell.
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
    prepared,
    timeoutMs: config.timeoutMs,
    maxOutputChars: config.maxOutputChars,
    stdin: options.stdin,
    signal: options.signal,
  });
}
