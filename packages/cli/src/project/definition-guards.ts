import type { ChannelDefinition, ChatCommand } from '@downcity/chat';
import type { PluginDefinition, ServiceDefinition } from '@downcity/core';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether a value is a service or plugin definition (`defineService` / `definePlugin`). Shape-based, so it works across package copies. */
export function isPackageDefinition(value: unknown): value is ServiceDefinition | PluginDefinition {
  return isObject(value) && (value.kind === 'service' || value.kind === 'plugin') && isObject(value.package) && typeof value.setup === 'function';
}

/** Whether a value is a chat channel definition (`defineChannel`). */
export function isChannelDefinition(value: unknown): value is ChannelDefinition {
  return isObject(value) && typeof value.id === 'string' && typeof value.create === 'function' && isObject(value.config) && typeof value.config.safeParse === 'function';
}

/** Whether a value is a chat command (`/name`). */
export function isChatCommand(value: unknown): value is ChatCommand {
  return isObject(value) && typeof value.name === 'string' && typeof value.run === 'function';
}
