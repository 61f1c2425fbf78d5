import type { InboundMessage } from '@downcity/chat';
import { readContent, supportedMessageTypes } from './message-content.js';
import { resolveMentions } from './mentions.js';
import type { ReceiveEvent } from './receive-event.js';

/** What the builder needs to know about this bot. */
export interface InboundContext {
  /** The app id: the channel account. */
  appId: string;
  /** The bot's open_id, for mention detection. */
  botOpenId: string | undefined;
  /** Whether group messages must @mention the bot. */
  requireMention: boolean;
}

/** A message to deliver, or why the event is skipped. */
export type BuildResult = { message: InboundMessage } | { skip: string };

/**
 * Turns a parsed `im.message.receive_v1` event into the normalized inbound message. `messageId`
 * is Feishu's `message_id`, the same on every redelivery of the event, so the chat service
 * deduplicates durably.
 */
export function toInboundMessage(event: ReceiveEvent, context: InboundContext): BuildResult {
  const { message, sender } = event;
  const senderId = sender.sender_id.open_id ?? sender.sender_id.user_id ?? sender.sender_id.union_id;
  if (!senderId) return { skip: 'no sender id' };
  if (context.botOpenId !== undefined && senderId === context.botOpenId) return { skip: 'sent by the bot itself' };
  if (!supportedMessageTypes.has(message.message_type)) return { skip: `unsupported message_type ${message.message_type}` };
  const mentions = message.mentions ?? [];
  const keyOfOpenId = (openId: string): string | undefined => mentions.find((mention) => mention.id.open_id === openId)?.key;
  const content = readContent(message.message_type, message.content, message.message_id, keyOfOpenId);
  if (!content) return { skip: `malformed ${message.message_type} content` };
  const resolved = resolveMentions(content.text, mentions, context.botOpenId);
  const isGroup = message.chat_type !== 'p2p';
  if (isGroup && context.requireMention && !resolved.self) return { skip: 'group message without a mention of the bot' };
  const sentAt = Number(message.create_time ?? event.create_time);
  return {
    message: {
      channel: 'feishu',
      account: context.appId,
      messageId: message.message_id,
      chat: { id: message.chat_id, type: isGroup ? 'group' : 'direct', ...(message.thread_id ? { threadId: message.thread_id } : {}) },
      sender: { id: senderId, isBot: sender.sender_type !== undefined && sender.sender_type !== 'user' },
      text: resolved.text,
      attachments: content.attachments,
      mentions: { self: resolved.self, userIds: resolved.userIds },
      ...(message.parent_id ? { replyTo: { messageId: message.parent_id } } : {}),
      sentAt: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now(),
      extra: {
        eventId: event.event_id,
        chatType: message.chat_type,
        messageType: message.message_type,
        ...(message.root_id ? { rootId: message.root_id } : {}),
      },
    },
  };
}
