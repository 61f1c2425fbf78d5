import { info, type PackageDetails } from '../operations/info.js';
import { toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins info <name[@range]>`. */
export interface PluginsInfoInput extends CommandInput {
  /** `name`, `name@range` or `name@tag`. */
  spec: string;
}

/** `downcity plugins info`: versions with compatibility, and the version `add` would install in full. */
export function pluginsInfo(input: PluginsInfoInput): Promise<CommandResult<PackageDetails>> {
  return toCommandResult(() => info({ projectDir: input.cwd, spec: input.spec, registry: input.registry, env: input.env }));
}
