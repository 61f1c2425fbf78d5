import type { z } from 'zod';
import type { ActionDefinition } from '../action/action.js';
import type { ExecutionContext } from '../context/execution-context.js';
import type { Handlers } from '../extension/extension-points.js';
import type { PackageInfo } from '../manifest/read-manifest.js';
import type { TurnInfo } from '../session/session-api.js';

/** Adds text to the system prompt of a turn; return `undefined` to add nothing. */
export type InstructionsContributor = (turn: TurnInfo) => string | undefined | Promise<string | undefined>;

/** What a service's `setup` returns. */
export interface ServiceInstance {
  /** Actions by short name (`send` becomes `<id>/send`); must match the manifest's `actions`. */
  actions?: Record<string, ActionDefinition>;
  /** Handlers for other services' extension points; must match the manifest's `attaches`. */
  handlers?: Handlers;
  /** System prompt contributions for every turn. */
  instructions?: InstructionsContributor;
  /** Called after every package is set up, in dependency order: connect channels, start schedulers. Register disposers with `context.onDispose`. */
  start?: () => void | Promise<void>;
  /**
   * Called after every service has started, in dependency order: open the doors to the outside
   * world here (connect channels, accept work), so everything other services register in `start`
   * (chat commands, handlers) is in place before the first message arrives.
   */
  ready?: () => void | Promise<void>;
}

/** A service: owns a main path, its state, actions, and the extension points plugins attach to. */
export interface ServiceDefinition<ConfigSchema extends z.ZodType = z.ZodType> {
  /** Discriminates services from plugins. */
  readonly kind: 'service';
  /** The package.json (name, version, `downcity` manifest). */
  readonly package: PackageInfo;
  /** The config schema for `services.<id>`; the single source of truth for config types. */
  readonly config?: ConfigSchema;
  /** Builds the service from its context. */
  setup(context: ExecutionContext<z.output<ConfigSchema>>): ServiceInstance | Promise<ServiceInstance>;
}

/**
 * Declares a service. An identity helper for type inference; the declaration stays plain data.
 *
 * @example
 * ```ts
 * import pkg from '../package.json' with { type: 'json' };
 * export const greeter = defineService({
 *   package: pkg,
 *   config: z.object({ greeting: z.string().default('Hello') }),
 *   setup: (context) => ({ actions: { greet: defineAction({ ... }) } }),
 * });
 * ```
 */
export function defineService<ConfigSchema extends z.ZodType>(
  definition: Omit<ServiceDefinition<ConfigSchema>, 'kind'>,
): ServiceDefinition<ConfigSchema> {
  return { kind: 'service', ...definition };
}
