import type { OptionSpec } from '../cli/command.js';

/** `--registry <url>`: every marketplace command takes it. */
export const REGISTRY_OPTION: Record<string, OptionSpec> = {
  registry: { type: 'string', valueName: 'url', description: 'The npm registry (default: npm_config_registry, then .npmrc, then registry.npmjs.org)' },
};

/** `--package-manager <npm|pnpm>`: for commands that install or uninstall. */
export const PACKAGE_MANAGER_OPTION: Record<string, OptionSpec> = {
  'package-manager': { type: 'string', valueName: 'npm|pnpm', description: 'Use this package manager (default: from the lockfile)' },
};

/** `--yes`: install without asking. */
export const YES_OPTION: Record<string, OptionSpec> = {
  yes: { type: 'boolean', short: 'y', description: 'Go ahead without asking to confirm the permissions (required when not on a terminal)' },
};
