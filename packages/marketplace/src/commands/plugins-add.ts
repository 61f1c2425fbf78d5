import { addPlugin, type AddPluginResult, type AddStep } from '../operations/add-plugin.js';
import type { Confirm } from '../operations/confirmation.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins add <name[@range]> [--yes]`. */
export interface PluginsAddInput extends CommandInput {
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
  /** `--yes`: install without asking. */
  yes?: boolean;
  /** Asks the user (a TTY prompt); without it and without `yes` the add is refused with exit code 6. */
  confirm?: Confirm;
  /** `--package-manager`: override lockfile detection. */
  packageManager?: PackageManagerName;
  /** Progress, for a spinner. */
  onStep?: (step: AddStep) => void;
}

/** `downcity plugins add`: check, confirm, install, verify it loads, add to `use`. Exit 6 when refused, 3 when the config cannot be edited. */
export function pluginsAdd(input: PluginsAddInput): Promise<CommandResult<AddPluginResult>> {
  return toCommandResult(() =>
    addPlugin({
      projectDir: input.cwd,
      spec: input.spec,
      yes: input.yes,
      confirm: input.confirm,
      packageManager: input.packageManager,
      onStep: input.onStep,
      registry: input.registry,
      env: input.env,
    }),
  );
}
