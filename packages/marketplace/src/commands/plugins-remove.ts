import { removePlugin, type RemovePluginResult } from '../operations/remove-plugin.js';
import type { PackageManagerName } from '../project/detect-package-manager.js';
import { toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins remove <name>`. */
export interface PluginsRemoveInput extends CommandInput {
  /** The package name. */
  name: string;
  /** `--package-manager`: override lockfile detection. */
  packageManager?: PackageManagerName;
}

/** `downcity plugins remove`: uninstall and take it out of `use`. */
export function pluginsRemove(input: PluginsRemoveInput): Promise<CommandResult<RemovePluginResult>> {
  return toCommandResult(() => removePlugin({ projectDir: input.cwd, name: input.name, packageManager: input.packageManager, registry: input.registry, env: input.env }));
}
