import type { Permissions } from '@downcity/core';

/** A secret name that is an environment variable (others, like `embedding.apiKey`, are config keys). */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * The environment of an isolated plugin host: only the variables its manifest names under `secrets` (that are
 * set), plus `PATH` when it may run programs. Nothing else of the agent's environment (API keys, database URLs,
 * `NODE_OPTIONS`, which could grant permissions back) reaches it. (bubblewrap, when it cuts off the network, adds
 * `PWD`: the working directory, which `process.cwd()` shows anyway.)
 *
 * @param permissions - the plugin's declared permissions
 * @param env - the agent's environment
 */
export function hostEnv(permissions: Permissions, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of permissions.secrets) {
    const value = env[name];
    if (ENV_NAME.test(name) && name !== 'NODE_OPTIONS' && value !== undefined) out[name] = value;
  }
  if (permissions.exec && env.PATH !== undefined) out.PATH = env.PATH;
  return out;
}
