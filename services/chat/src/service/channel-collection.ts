import type { Collection, PackageStorage } from '@downcity/core';

/**
 * A channel's own collection `name`, kept in the chat service's storage as `channel:<channel id>:<name>`
 * (so `chat:channel:http:user-tokens` in the store). The channel reaches it through `ChannelSetup.collection`;
 * the chat service's actions over channel state (the HTTP tokens) open the same one here.
 */
export function channelCollection(storage: PackageStorage, channelId: string, name: string): Collection {
  return storage.collection(`channel:${channelId}:${name}`);
}
