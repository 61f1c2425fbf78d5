import { pluginsUpdate } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import { confirmOnTerminal } from '../marketplace/confirm-on-terminal.js';
import { marketplaceInput, packageManagerOption } from '../marketplace/marketplace-input.js';
import { PACKAGE_MANAGER_OPTION, REGISTRY_OPTION, YES_OPTION } from '../marketplace/marketplace-options.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins update <name[@range]>`: the newest version compatible with the project's core. */
export const pluginsUpdateCommand = defineCommand({
  name: 'plugins update',
  summary: 'Update a package to the newest version compatible with this project\'s core',
  args: '<name[@range]>',
  minArgs: 1,
  maxArgs: 1,
  options: { ...YES_OPTION, ...REGISTRY_OPTION, ...PACKAGE_MANAGER_OPTION },
  details: ['Newer versions that need another @downcity/core are skipped and named. A version asking for more permissions needs confirmation (or --yes).'],
  async run(context) {
    const spec = context.args[0] as string;
    const confirm = confirmOnTerminal(context);
    const run = () =>
      pluginsUpdate({ ...marketplaceInput(context), spec, yes: context.options.yes === true, confirm, packageManager: packageManagerOption(context) });
    // No spinner while a question may be on the screen.
    const updated = unwrapResult(await (confirm ? run() : context.output.step(`Updating ${spec}`, run)));
    context.output.result(updated, (value) => [
      value.updated ? `Updated ${value.name} ${value.from} → ${value.to}.` : `${value.name} stays at ${value.from}: ${value.reason ?? 'nothing newer'}.`,
      ...value.warnings.map((warning) => `! ${warning}`),
    ]);
  },
});
