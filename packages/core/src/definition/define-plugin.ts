import type { z } from 'zod';
import type { ActionDefinition } from '../action/action.js';
import type { ExecutionContext } from '../context/execution-context.js';
import type { Handlers } from '../extension/extension-points.js';
import type { PackageInfo } from '../manifest/read-manifest.js';
import type { InstructionsContributor } from './define-service.js';

/** What a plugin's `setup` returns: handlers, and optionally actions over its own state. A plugin has no lifecycle or main path of its own. */
export interface PluginInstance {
  /** Handlers by point name; must match the manifest's `attaches`. */
  handlers: Handlers;
  /** Actions that manage the plugin's own state (e.g. grants), by short name; must match the manifest's `actions`. */
  actions?: Record<string, ActionDefinition>;
  /** System prompt contributions for every turn. */
  instructions?: InstructionsContributor;
}

/** A plugin: passive enhancement at services' extension points. */
export interface PluginDefinition<ConfigSchema extends z.ZodType = z.ZodType> {
  /** Discriminates plugins from services. */
  readonly kind: 'plugin';
  /** The package.json (name, version, `downcity` manifest). */
  readonly package: PackageInfo;
  /** The config schema for `plugins.<id>`. */
  readonly config?: ConfigSchema;
  /** Builds the plugin's handlers from its context. */
  setup(context: ExecutionContext<z.output<ConfigSchema>>): PluginInstance | Promise<PluginInstance>;
  /**
   * What of the manifest's permissions is enforced, and how, one line each. Set by a host that runs the plugin
   * isolated (`@downcity/plugin-host`); absent, the plugin runs in the agent's process and nothing is enforced
   * ({@link IN_PROCESS_ENFORCEMENT}). Shown by `downcity plugins list` and the console.
   */
  readonly enforced?: readonly string[];
}

/** The `enforced` line of a package that runs in the agent's process: none of its permissions is enforced. */
export const IN_PROCESS_ENFORCEMENT = "nothing: runs in the agent's process with all of its rights";

/** Declares a plugin. An identity helper for type inference. */
export function definePlugin<ConfigSchema extends z.ZodType>(
  definition: Omit<PluginDefinition<ConfigSchema>, 'kind'>,
): PluginDefinition<ConfigSchema> {
  return { kind: 'plugin', ...definition };
}

/** A service or a plugin. */
export type PackageDefinition = import('./define-service.js').ServiceDefinition | PluginDefinition;
