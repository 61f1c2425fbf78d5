import { DowncityError } from '@downcity/core';
import { execCommand } from '../sandbox/exec.js';
import type { ShellRuntime } from './shell-runtime.js';

/** How long the start-time probe may take. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Runs `true` in the sandbox once, in the workspace folder, so a sandbox that cannot start (user
 * namespaces disabled for unprivileged users, a workspace the sandbox uid cannot reach) is reported
 * at start rather than on the first command.
 *
 * @param runtime - the shell service runtime
 * @returns why commands will fail, or `undefined` when the probe ran
 */
export async function probeSandbox(runtime: ShellRuntime): Promise<string | undefined> {
  const { config, context } = runtime;
  try {
    const result = await execCommand({ ...config, argv: ['true'], workspace: runtime.workspace, env: context.env, timeoutMs: PROBE_TIMEOUT_MS });
    if (result.exitCode === 0) return undefined;
    return `bubblewrap could not start a command (exit code ${result.exitCode ?? result.signal}): ${result.stderr.trim() || 'no message'}`;
  } catch (error) {
    return DowncityError.is(error) || error instanceof Error ? error.message : String(error);
  }
}
