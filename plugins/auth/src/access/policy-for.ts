import type { AccessPolicy, AuthConfig } from '../config.js';

/** The policy of one channel and kind of conversation: the channel's own entry, else the default. */
export function policyFor(options: { config: AuthConfig; channel: string; conversation: 'direct' | 'group' }): AccessPolicy {
  const { config, channel, conversation } = options;
  return config.channels[channel]?.[conversation] ?? config.default[conversation];
}
