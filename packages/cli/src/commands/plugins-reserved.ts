import { defineCommand, type Command } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';

/** Marketplace commands whose names are taken; each will get its own file under `src/commands/` when it ships. */
const RESERVED: readonly (readonly [name: string, summary: string])[] = [
  ['search', 'Search the registry for Downcity plugins'],
  ['add', 'Install a plugin and add it to use'],
  ['remove', 'Remove a plugin from use and uninstall it'],
  ['update', 'Update installed plugins'],
  ['info', "Show a plugin's manifest, permissions and versions"],
  ['verify', 'Verify a plugin package (provenance, manifest, compatibility)'],
  ['new', 'Scaffold a new plugin package'],
  ['lint', 'Check a plugin package before publishing'],
];

/** `downcity plugins search|add|remove|update|info|verify|new|lint`: not available yet; say so clearly. */
export const reservedPluginCommands: Command[] = RESERVED.map(([verb, summary]) =>
  defineCommand({
    name: `plugins ${verb}`,
    summary: `${summary} (not available yet)`,
    maxArgs: Number.POSITIVE_INFINITY,
    hidden: true,
    async run() {
      throw new CliError(ExitCodes.usage, `\`downcity plugins ${verb}\` is not available yet in this version of @downcity/cli.`, {
        hint: 'For now install the package with your package manager (e.g. `pnpm add <package>`), add it to `use` in downcity.config.ts, and check it with `downcity plugins list`.',
      });
    },
  }),
);
