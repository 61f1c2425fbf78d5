import type { DisposerStack } from '../agent/disposer-stack.js';
import type { Manifest } from '../manifest/manifest-schema.js';
import type { ActionRegistry } from './action-registry.js';
import { createRuntimeActions, type RuntimeActions } from './runtime-actions.js';

/**
 * The `context.actions` of a package: runtime actions for a service whose manifest declares
 * `runtimeActions` (whatever is left is removed when the agent stops), undefined for any other package.
 */
export function runtimeActionsFor(options: { manifest: Manifest; registry: ActionRegistry; disposers: DisposerStack }): RuntimeActions | undefined {
  const { manifest } = options;
  if (manifest.kind !== 'service' || !manifest.runtimeActions) return undefined;
  const actions = createRuntimeActions({ id: manifest.id, manifest: manifest.runtimeActions, declared: Object.keys(manifest.actions), registry: options.registry });
  options.disposers.push(manifest.id, () => actions.disposeAll());
  return { add: actions.add, names: actions.names };
}
