import { search, type SearchResult } from '../operations/search.js';
import { toCommandResult, type CommandInput, type CommandResult } from './command-result.js';

/** Input of `downcity plugins search <words...>`. */
export interface PluginsSearchInput extends CommandInput {
  /** The search words. */
  words: string[];
  /** At most this many results per kind. */
  limit?: number;
}

/** `downcity plugins search`: Downcity plugins and services matching the words, with points, permissions and compatibility. */
export function pluginsSearch(input: PluginsSearchInput): Promise<CommandResult<SearchResult[]>> {
  return toCommandResult(() => search({ projectDir: input.cwd, words: input.words, limit: input.limit, registry: input.registry, env: input.env }));
}
