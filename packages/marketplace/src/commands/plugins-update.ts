import type { Confirm } from '../operations/confirmation.js';
import { updatePlugin, type UpdatePluginResult } from '../operations/update-plugin.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins update <name[@range]> [--yes]`. */
export interface PluginsUpdateInput extends CommandInput {
  /** `name` or `name@range`. */
  spec: string;
  /** `--yes`: update even when the new version asks for more permissions. */
  yes?: boolean;
  /** Asked when the new version asks for more permissions. */
  confirm?: Confirm;
  /** `--package-manager`: override lockfile detection. */
  packageManager?: PackageManagerName;
}

/** `downcity plugins update`: the newest version compatible with the project's core. */
export function pluginsUpdate(input: PluginsUpdateInput): Promise<CommandResult<UpdatePluginResult>> {
  return toCommandResult(() =>
    updatePlugin({ projectDir: input.cwd, spec: input.spec, yes: input.yes, confirm: input.confirm, packageManager: input.packageManager, registry: input.registry, env: input.env }),
  );
}
