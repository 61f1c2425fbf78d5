import { FailureReasons, pluginsAdd, type AddStep } from '@downcity/marketplace';
import { defineCommand } from '../cli/command.js';
import { confirmOnTerminal } from '../marketplace/confirm-on-terminal.js';
import { listingLines } from '../marketplace/describe-listing.js';
import { marketplaceInput, packageManagerOption } from '../marketplace/marketplace-input.js';
import { PACKAGE_MANAGER_OPTION, REGISTRY_OPTION, YES_OPTION } from '../marketplace/marketplace-options.js';
import { stepProgress } from '../marketplace/step-progress.js';
import { unwrapResult } from '../marketplace/unwrap-result.js';

const STEPS: Record<AddStep, string | undefined> = {
  resolving: 'Resolving the version',
  checking: 'Checking the manifest and core compatibility',
  confirming: undefined,
  installing: 'Installing',
  configuring: 'Adding it to use in the config',
};

/** `downcity plugins add <name[@range]>`: check, confirm the permissions, install, check it loads, add it to `use`. */
export const pluginsAddCommand = defineCommand({
  name: 'plugins add',
  summary: 'Install a plugin, service or channel from the registry and add it to use',
  args: '<name[@range]>',
  minArgs: 1,
  maxArgs: 1,
  options: { ...YES_OPTION, ...REGISTRY_OPTION, ...PACKAGE_MANAGER_OPTION },
  details: [
    'Before installing: the manifest is validated, the @downcity/core range checked against this project\'s core, and',
    'the permissions it asks for are shown for you to confirm (on a terminal; otherwise, and with --json, pass --yes). After installing it',
    'is imported in a dry run. A refused or failed add leaves package.json, the lockfile and downcity.config.ts as they were.',
    'Exit 6 when refused (incompatible, broken manifest, not confirmed), 3 when the config cannot be edited.',
  ],
  async run(context) {
    const progress = stepProgress(context);
    const result = await pluginsAdd({
      ...marketplaceInput(context),
      spec: context.args[0] as string,
      yes: context.options.yes === true,
      confirm: confirmOnTerminal(context),
      packageManager: packageManagerOption(context),
      onStep: (step) => progress.step(STEPS[step]),
    });
    progress.end(result.ok);
    const added = unwrapResult(result, {
      hints: { [FailureReasons.refused]: 'Read what it asks for with `downcity plugins info <name>`, then run the add on a terminal to confirm, or pass --yes.' },
    });
    context.output.result(added, (value) => [
      ...listingLines(value.listing),
      '',
      value.changed
        ? `Installed ${value.name}@${value.version} with ${value.packageManager}${value.configChanged ? ` and added it to use in ${value.configFile}` : ' (it was already in use)'}.`
        : `${value.name}@${value.version} is already installed and in use; nothing changed.`,
      ...value.warnings.map((warning) => `! ${warning}`),
    ]);
  },
});
