/** PATH used inside the sandbox when the host has none. */
export const DEFAULT_SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Builds a command's environment from scratch: only allowlisted host variables pass, and
 * HOME is the workspace so tools never read or write the host user's dotfiles.
 *
 * @param options - the host environment, the allowlist and the workspace path
 * @returns the environment for the command
 */
export function buildSandboxEnv(options: {
  source: Readonly<Record<string, string | undefined>>;
  allowlist: readonly string[];
  home: string;
}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of options.allowlist) {
    const value = options.source[name];
    if (value !== undefined && name !== 'HOME') env[name] = value;
  }
  env.PATH ??= DEFAULT_SANDBOX_PATH;
  env.HOME = options.home;
  return env;
}
