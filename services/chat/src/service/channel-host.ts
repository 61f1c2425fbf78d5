import { textOf, type SessionApi } from '@downcity/core';
import type { ChannelHistoryMessage, ChannelHost } from '../channel/channel.js';
import { channelsOf } from '../session/open-chat-session.js';
import { messageUsageOf } from '../message/message-usage.js';

/** The host a channel gets: history of the sessions that channel has taken part in, nothing else. */
export function createChannelHost(session: SessionApi, channelId: string): ChannelHost {
  return {
    async history(sessionId, options = {}) {
      const record = await session.get(sessionId);
      if (!record || !channelsOf(record).includes(channelId)) return undefined;
      const limit = Math.min(Math.max(Math.floor(options.limit ?? 50), 1), 500);
      const messages = await session.history(sessionId, { limit });
      return messages.map((message) => {
        const item: ChannelHistoryMessage = { seq: message.seq, role: message.role, text: textOf(message.content), createdAt: message.createdAt };
        const messageId = message.metadata.messageId;
        if (message.role === 'user' && typeof messageId === 'string') item.messageId = messageId;
        const usage = message.role === 'assistant' ? messageUsageOf(message.metadata) : undefined;
        if (usage) item.usage = usage;
        return item;
      });
    },
  };
}
