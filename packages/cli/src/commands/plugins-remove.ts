import { pluginsRemove } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import { marketplaceInput, packageManagerOption } from '../marketplace/marketplace-input.js';
import { PACKAGE_MANAGER_OPTION, REGISTRY_OPTION } from '../marketplace/marketplace-options.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

/** `downcity plugins remove <name>`: uninstall and take it out of `use`. */
export const pluginsRemoveCommand = defineCommand({
  name: 'plugins remove',
  summary: 'Remove a package from use and uninstall it',
  args: '<name>',
  minArgs: 1,
  maxArgs: 1,
  options: { ...REGISTRY_OPTION, ...PACKAGE_MANAGER_OPTION },
  async run(context) {
    const name = context.args[0] as string;
    const removed = unwrapResult(
      await context.output.step(`Removing ${name}`, () => pluginsRemove({ ...marketplaceInput(context), name, packageManager: packageManagerOption(context) })),
    );
    context.output.result(removed, (value) => [
      `Removed ${value.name}${value.uninstalled ? ': uninstalled' : ''}${value.removedFromConfig ? `${value.uninstalled ? ' and' : ':'} taken out of use` : ''}.`,
      ...value.warnings.map((warning) => `! ${warning}`),
    ]);
  },
});
