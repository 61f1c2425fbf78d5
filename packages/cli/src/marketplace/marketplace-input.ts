import type { CommandInput, PackageManagerName } from '@downcity/marketplace';
import { CliError } from '../cli/cli-error.js';
import type { CommandContext } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';

/** The inputs every marketplace command function takes, from the command line: the project folder, `--registry` and the environment. */
export function marketplaceInput(context: CommandContext): CommandInput {
  const registry = context.options.registry;
  if (typeof registry === 'string') {
    let url: URL | undefined;
    try {
      url = new URL(registry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CliError(ExitCodes.usage, `--registry ${registry}: not an http(s) URL.`, { hint: 'Pass the registry URL, e.g. --registry https://registry.npmjs.org/' });
    }
  }
  return { cwd: context.cwd, env: context.io.env, ...(typeof registry === 'string' ? { registry } : {}) };
}

/** `--package-manager`, checked. */
export function packageManagerOption(context: CommandContext): PackageManagerName | undefined {
  const value = context.options['package-manager'];
  if (value === undefined) return undefined;
  if (value === 'npm' || value === 'pnpm') return value;
  throw new CliError(ExitCodes.usage, `--package-manager ${String(value)}: use npm or pnpm.`);
}
