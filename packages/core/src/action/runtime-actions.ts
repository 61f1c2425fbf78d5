import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { RuntimeActionsManifest } from '../manifest/runtime-actions-schema.js';
import type { ActionDefinition } from './action.js';
import type { ActionRegistry } from './action-registry.js';

/** What may follow `<id>/` in a runtime action's name: letters, digits, `_`, `-`, `.` and `/`, at most 200 characters. */
const RUNTIME_ACTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,199}$/;

/**
 * Actions a service adds and removes while it runs (`context.actions`), for a service whose
 * manifest declares `runtimeActions`. Every action is named `<service id>/<name>`; whatever is
 * still registered when the agent stops is removed then.
 *
 * @example
 * ```ts
 * const remove = context.actions?.add('github/create_issue', { description, input, output, run });
 * remove?.(); // when the tool goes away
 * ```
 */
export interface RuntimeActions {
  /**
   * Adds (or replaces) the action `<service id>/<name>`. Returns a function that removes it.
   * Throws when the name is malformed or is one of the service's manifest-declared actions.
   */
  add(name: string, definition: ActionDefinition): () => void;
  /** The short names (without `<service id>/`) of the runtime actions registered now. */
  names(): string[];
}

/** Options for {@link createRuntimeActions}. */
export interface CreateRuntimeActionsOptions {
  /** The service's id. */
  id: string;
  /** The service's `runtimeActions` manifest entry. */
  manifest: RuntimeActionsManifest;
  /** Names of the actions the manifest declares statically (they cannot be replaced at runtime). */
  declared: readonly string[];
  /** The agent's action registry. */
  registry: ActionRegistry;
}

/** The runtime actions of one service, plus `disposeAll` for the agent to remove what is left when it stops. */
export function createRuntimeActions(options: CreateRuntimeActionsOptions): RuntimeActions & { disposeAll(): void } {
  const removers = new Map<string, () => void>();
  return {
    add(name, definition) {
      if (!RUNTIME_ACTION_NAME.test(name)) {
        throw new DowncityError(
          ErrorCodes.ACTION_INVALID,
          `Runtime action name "${name}" of "${options.id}" is invalid: use letters, digits, "_", "-", "." and "/" (at most 200 characters, starting with a letter or digit).`,
        );
      }
      const full = `${options.id}/${name}`;
      if (options.declared.includes(full)) {
        throw new DowncityError(ErrorCodes.ACTION_INVALID, `"${options.id}" cannot add runtime action "${full}": its manifest declares an action of that name.`);
      }
      removers.get(name)?.();
      const removeFromRegistry = options.registry.add({ name: full, owner: options.id, tool: options.manifest.tool && definition.tool !== false, definition });
      const remove = (): void => {
        if (removers.get(name) !== remove) return;
        removers.delete(name);
        removeFromRegistry();
      };
      removers.set(name, remove);
      return remove;
    },
    names: () => [...removers.keys()],
    disposeAll() {
      for (const remove of removers.values()) remove();
    },
  };
}
