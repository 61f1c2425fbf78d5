import { pathToFileURL } from 'node:url';
import { DowncityError, ErrorCodes, validatePackageManifest, type IsolationSettings, type PluginManifest, type ServiceManifest } from '@downcity/core';
import { isChannelDefinition, isPackageDefinition } from './definition-guards.js';
import { importModule } from './import-module.js';
import { loadIsolatedPlugin, shouldIsolate } from './isolate-plugins.js';
import type { LoadedPackage } from './loaded-package.js';
import { pickChatCommands, pickDefinition } from './pick-definition.js';
import type { ResolvedPackage } from './resolve-packages.js';

async function importResolved(resolved: ResolvedPackage): Promise<Record<string, unknown>> {
  try {
    if (resolved.local) return await importModule(resolved.entry);
    return (await import(pathToFileURL(resolved.entry).href)) as Record<string, unknown>;
  } catch (error) {
    if (DowncityError.is(error)) throw error;
    throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `Cannot load "${resolved.specifier}" (${resolved.entry}): ${(error as Error).message}`, {
      cause: error,
      details: { package: resolved.specifier },
    });
  }
}

function loadChannel(resolved: ResolvedPackage, module: Record<string, unknown>): LoadedPackage {
  const definition = pickDefinition({ module, specifier: resolved.specifier, what: 'channel', is: isChannelDefinition });
  return {
    kind: 'channel',
    specifier: resolved.specifier,
    local: resolved.local,
    name: resolved.local ? resolved.specifier : resolved.name,
    version: resolved.local ? '0.0.0' : resolved.version,
    id: definition.id,
    commands: pickChatCommands(module),
    module,
    definition,
  };
}

/**
 * Imports each resolved `use` entry and picks its definition: the default export, or a single named
 * export that is a definition; plus the module's chat commands. A local file may define a service,
 * a plugin or a channel; its manifest comes from the definition's `package`. With `isolation`, a plugin it selects
 * is not imported but loaded to run in an isolated host (decision 0028).
 */
export async function loadPackages(resolved: readonly ResolvedPackage[], isolation?: IsolationSettings): Promise<LoadedPackage[]> {
  const loaded: LoadedPackage[] = [];
  for (const entry of resolved) {
    if (isolation && shouldIsolate(entry, isolation)) {
      loaded.push(await loadIsolatedPlugin(entry, isolation));
      continue;
    }
    const module = await importResolved(entry);
    if (!entry.local && entry.kind === 'channel') {
      loaded.push(loadChannel(entry, module));
      continue;
    }
    if (entry.local && !isPackageDefinition(module.default) && pickLocalChannel(module)) {
      loaded.push(loadChannel(entry, module));
      continue;
    }
    const definition = pickDefinition({ module, specifier: entry.specifier, what: entry.local ? 'service or plugin' : (entry.kind as string), is: isPackageDefinition });
    const { manifest, name, version } = validatePackageManifest(definition.package);
    if (!entry.local && entry.kind !== manifest.kind) {
      throw new DowncityError(ErrorCodes.MANIFEST_INVALID, `"${entry.specifier}" is a ${entry.kind} by its package.json manifest, but its definition is a ${manifest.kind}.`, {
        details: { package: entry.specifier },
      });
    }
    const base = { specifier: entry.specifier, local: entry.local, name, version, id: manifest.id, commands: pickChatCommands(module), module };
    if (definition.kind === 'service') loaded.push({ ...base, kind: 'service', manifest: manifest as ServiceManifest, definition });
    else loaded.push({ ...base, kind: 'plugin', manifest: manifest as PluginManifest, definition });
  }
  return loaded;
}

function pickLocalChannel(module: Record<string, unknown>): boolean {
  return isChannelDefinition(module.default) || (!Object.values(module).some(isPackageDefinition) && Object.values(module).some(isChannelDefinition));
}
