import type { ChannelChoice, FeatureChoice } from '../choices/choices.js';
import type { DowncityPackageName } from '../dependencies/dependency-source.js';

/** The package of each service and plugin choice. */
export const FEATURE_PACKAGES: Readonly<Record<FeatureChoice, DowncityPackageName>> = {
  chat: '@downcity/chat',
  task: '@downcity/task',
  memory: '@downcity/memory',
  shell: '@downcity/shell',
  asr: '@downcity/asr',
  auth: '@downcity/auth',
};

/** The package of each channel that is not built into `@downcity/chat`. */
export const CHANNEL_PACKAGES: Readonly<Partial<Record<ChannelChoice, DowncityPackageName>>> = {
  telegram: '@downcity/channel-telegram',
  feishu: '@downcity/channel-feishu',
  qq: '@downcity/channel-qq',
};

/**
 * The `@downcity/*` packages a project loads, in `use` order: services, channel packages, plugins.
 *
 * @param options - the channel and feature choices
 */
export function usedPackages(options: { channels: readonly ChannelChoice[]; features: readonly FeatureChoice[] }): DowncityPackageName[] {
  const services = (['chat', 'task', 'memory', 'shell'] as const).filter((feature) => options.features.includes(feature)).map((feature) => FEATURE_PACKAGES[feature]);
  const channels = options.channels.flatMap((channel) => CHANNEL_PACKAGES[channel] ?? []);
  const plugins = (['auth', 'asr'] as const).filter((feature) => options.features.includes(feature)).map((feature) => FEATURE_PACKAGES[feature]);
  return [...services, ...channels, ...plugins];
}
