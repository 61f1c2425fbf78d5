import { pluginsSearch } from '@downcity/marketplace';
import { CliError } from '../cli/cli-error.js';
import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { oneLine, table } from '../cli/format.js';
import { compatibilityCell, permissionsCell, pointsCell } from '../marketplace/describe-listing.js';
import { marketplaceInput } from '../marketplace/marketplace-input.js';
import { REGISTRY_OPTION } from '../marketplace/marketplace-options.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins search <words>`: Downcity plugins, services and channels on the registry. */
export const pluginsSearchCommand = defineCommand({
  name: 'plugins search',
  summary: 'Search the registry for Downcity plugins, services and channels',
  args: '<words...>',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  options: {
    ...REGISTRY_OPTION,
    limit: { type: 'string', valueName: 'n', description: 'At most this many results per kind (default 20, at most 250)' },
  },
  details: [
    'Shows each package\'s latest version: description, extension points, the permissions it asks for, and whether it',
    'works with the @downcity/core installed in this project (else the version `plugins add` would pick).',
  ],
  async run(context) {
    const limit = context.options.limit === undefined ? undefined : Number(context.options.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 250)) throw new CliError(ExitCodes.usage, `--limit must be a whole number from 1 to 250 (got "${String(context.options.limit)}").`);
    const results = unwrapResult(await context.output.step('Searching the registry', () => pluginsSearch({ ...marketplaceInput(context), words: context.args, limit })));
    context.output.result({ results }, () =>
      results.length === 0
        ? [`No Downcity packages match "${context.args.join(' ')}".`]
        : table([
            ['NAME', 'VERSION', 'DESCRIPTION', 'EXTENSION POINTS', 'PERMISSIONS', 'COMPATIBLE'],
            ...results.map((result) => [result.name, result.version, oneLine(result.description ?? '', 48), pointsCell(result), permissionsCell(result), compatibilityCell(result)]),
          ]),
    );
  },
});
