import { validatePackageManifest, type IsolationSettings, type PluginManifest } from '@downcity/core';
import { isolatedPlugin } from '@downcity/plugin-host';
import type { LoadedPlugin } from './loaded-package.js';
import type { ResolvedPackage } from './resolve-packages.js';

/** The npm scope of first-party packages, which run in the agent's process unless config says otherwise. */
const FIRST_PARTY_SCOPE = '@downcity/';

/**
 * Whether a `use` entry runs in an isolated plugin host (decision 0028): an installed plugin package whose id is
 * `true` in `isolation.plugins`, or, with `isolation.thirdParty`, any installed plugin outside `@downcity/*` not
 * set to `false` there. Files of the project are the user's own code and always run in process.
 */
export function shouldIsolate(entry: ResolvedPackage, settings: IsolationSettings): entry is Extract<ResolvedPackage, { local: false }> {
  if (entry.local || entry.kind !== 'plugin' || !entry.manifest) return false;
  return isolates(settings, { id: entry.manifest.id, name: entry.name });
}

/** Whether the settings isolate the installed plugin package `name` with manifest id `id`. */
export function isolates(settings: IsolationSettings, plugin: { id: string; name: string }): boolean {
  return settings.plugins[plugin.id] ?? (settings.thirdParty && !plugin.name.startsWith(FIRST_PARTY_SCOPE));
}

/**
 * Loads an installed plugin to run isolated: its code is never imported into the agent; the definition forwards
 * its handlers to a child process with its declared permissions enforced. It offers no chat commands (they would
 * run in the agent).
 */
export async function loadIsolatedPlugin(entry: Extract<ResolvedPackage, { local: false }>, settings: IsolationSettings): Promise<LoadedPlugin> {
  const definition = await isolatedPlugin(entry.directory, { networkIsolation: settings.network, maxHeapMb: settings.maxHeapMb });
  const { manifest, name, version } = validatePackageManifest(definition.package);
  return { kind: 'plugin', specifier: entry.specifier, local: false, name, version, id: manifest.id, commands: [], module: {}, manifest: manifest as PluginManifest, definition };
}
