import type { ChannelDefinition, ChatCommand } from '@downcity/chat';
import type { PluginDefinition, PluginManifest, ServiceDefinition, ServiceManifest } from '@downcity/core';

interface LoadedBase {
  /** The `use` entry as written. */
  specifier: string;
  /** Whether it is a file of the project rather than an npm package. */
  local: boolean;
  /** The npm name (for local files, the name in the definition's package.json). */
  name: string;
  /** The version. */
  version: string;
  /** The id: the manifest id of a service or plugin, the channel id of a channel. */
  id: string;
  /** Chat commands the module exports (`chatCommands`), added to the chat service. */
  commands: readonly ChatCommand[];
  /** The imported module, e.g. for `createChatService` of `@downcity/chat`. */
  module: Record<string, unknown>;
}

/** A loaded service package. */
export interface LoadedService extends LoadedBase {
  /** Discriminates the kinds. */
  kind: 'service';
  /** The validated manifest. */
  manifest: ServiceManifest;
  /** The definition passed to `createAgent`. */
  definition: ServiceDefinition;
}

/** A loaded plugin package. */
export interface LoadedPlugin extends LoadedBase {
  /** Discriminates the kinds. */
  kind: 'plugin';
  /** The validated manifest. */
  manifest: PluginManifest;
  /** The definition passed to `createAgent`. */
  definition: PluginDefinition;
}

/** A loaded chat channel package. */
export interface LoadedChannel extends LoadedBase {
  /** Discriminates the kinds. */
  kind: 'channel';
  /** The definition passed to the chat service. */
  definition: ChannelDefinition;
}

/** A `use` entry, imported. */
export type LoadedPackage = LoadedService | LoadedPlugin | LoadedChannel;
