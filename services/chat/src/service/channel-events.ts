import type { PackageCluster } from '@downcity/core';
import type { ChannelEvents } from '../channel/channel.js';

/**
 * A channel's events across the workers of a cluster: the chat service's topics `channel/<channel id>/<topic>`.
 *
 * @param cluster - the chat service's `context.cluster`
 * @param channelId - the channel's id
 */
export function channelEvents(cluster: PackageCluster, channelId: string): ChannelEvents {
  const topic = (name: string): string => `channel/${channelId}/${name}`;
  return {
    publish: (name, message) => cluster.publish(topic(name), message),
    subscribe: (name, listener) => cluster.subscribe(topic(name), listener),
  };
}
