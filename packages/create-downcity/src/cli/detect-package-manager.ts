import type { PackageManagerChoice } from '../choices/choices.js';

/**
 * The package manager that started create-downcity (`pnpm create` sets a pnpm user agent), else npm.
 *
 * @param env - the environment
 */
export function detectPackageManager(env: Readonly<Record<string, string | undefined>>): PackageManagerChoice {
  return env.npm_config_user_agent?.startsWith('pnpm/') ? 'pnpm' : 'npm';
}
