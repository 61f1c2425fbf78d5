import type { InboundMessage } from '@downcity/chat';
import type { JsonObject } from '@downcity/core';
import { chatIdOf, type QqScene } from './chat-address.js';
import { stripGuildMentions, unescapeGuildContent } from './guild-content.js';
import { C2cMessageSchema, GroupMessageSchema, GuildMessageSchema } from './message-schemas.js';
import { normalizeAttachments } from './normalize-attachment.js';
import type { QqPayload } from './payload.js';

/** What normalizing needs to know about the bot. */
export interface NormalizeContext {
  /** The AppID: the `account` of every message. */
  appId: string;
  /** The bot's guild user id, once the gateway said it (READY). */
  botUserId?: string;
}

/** A normalized message, or why the event was skipped. */
export type Normalized = { message: InboundMessage } | { skipped: 'unsupported' | 'malformed' | 'own-message' };

/** Event types that carry user messages. */
export const MESSAGE_EVENT_TYPES = ['C2C_MESSAGE_CREATE', 'GROUP_AT_MESSAGE_CREATE', 'AT_MESSAGE_CREATE', 'MESSAGE_CREATE', 'DIRECT_MESSAGE_CREATE'] as const;

/**
 * Turns a dispatch into the chat service's {@link InboundMessage}. `messageId` is QQ's message
 * id (stable across redeliveries, so the chat service deduplicates on it); `extra` keeps the
 * scene and the message id a passive reply needs.
 */
export function normalizeEvent(payload: QqPayload, context: NormalizeContext): Normalized {
  switch (payload.t) {
    case 'C2C_MESSAGE_CREATE': {
      const parsed = C2cMessageSchema.safeParse(payload.d);
      if (!parsed.success) return { skipped: 'malformed' };
      const event = parsed.data;
      return {
        message: base(context, payload, 'c2c', event.author.user_openid, {
          messageId: event.id,
          type: 'direct',
          sender: { id: event.author.user_openid },
          text: event.content.trim(),
          attachments: event.attachments,
          timestamp: event.timestamp,
          mentions: { self: false, userIds: [] },
        }),
      };
    }
    case 'GROUP_AT_MESSAGE_CREATE': {
      const parsed = GroupMessageSchema.safeParse(payload.d);
      if (!parsed.success) return { skipped: 'malformed' };
      const event = parsed.data;
      return {
        message: base(context, payload, 'group', event.group_openid, {
          messageId: event.id,
          type: 'group',
          sender: { id: event.author.member_openid },
          text: event.content.trim(),
          attachments: event.attachments,
          timestamp: event.timestamp,
          mentions: { self: true, userIds: [] },
        }),
      };
    }
    case 'AT_MESSAGE_CREATE':
    case 'MESSAGE_CREATE':
    case 'DIRECT_MESSAGE_CREATE': {
      const parsed = GuildMessageSchema.safeParse(payload.d);
      if (!parsed.success) return { skipped: 'malformed' };
      const event = parsed.data;
      if (context.botUserId !== undefined && event.author.id === context.botUserId) return { skipped: 'own-message' };
      const selfIds = new Set((event.mentions ?? []).filter((user) => user.bot === true).map((user) => user.id));
      if (context.botUserId !== undefined) selfIds.add(context.botUserId);
      const stripped = stripGuildMentions(event.content, selfIds);
      const direct = payload.t === 'DIRECT_MESSAGE_CREATE';
      const sender: InboundMessage['sender'] = { id: event.author.id };
      if (event.author.username) sender.displayName = event.author.username;
      if (event.author.bot !== undefined) sender.isBot = event.author.bot;
      const message = base(context, payload, direct ? 'dm' : 'channel', direct ? event.guild_id : event.channel_id, {
        messageId: event.id,
        type: direct ? 'direct' : 'group',
        sender,
        text: unescapeGuildContent(stripped.text).trim(),
        attachments: event.attachments,
        timestamp: event.timestamp,
        mentions: { self: payload.t === 'AT_MESSAGE_CREATE' || stripped.self, userIds: stripped.userIds },
        extra: { guildId: event.guild_id, channelId: event.channel_id },
      });
      if (event.message_reference) message.replyTo = { messageId: event.message_reference.message_id };
      return { message };
    }
    default:
      return { skipped: 'unsupported' };
  }
}

interface Parts {
  messageId: string;
  type: 'direct' | 'group';
  sender: InboundMessage['sender'];
  text: string;
  attachments: readonly unknown[] | undefined;
  timestamp: string | undefined;
  mentions: InboundMessage['mentions'];
  extra?: JsonObject;
}

function base(context: NormalizeContext, payload: QqPayload, scene: QqScene, chatId: string, parts: Parts): InboundMessage {
  const sentAt = parts.timestamp ? Date.parse(parts.timestamp) : Number.NaN;
  const extra: JsonObject = { scene, msgId: parts.messageId, ...parts.extra };
  if (payload.id) extra.eventId = payload.id;
  return {
    channel: 'qq',
    account: context.appId,
    messageId: parts.messageId,
    chat: { id: chatIdOf(scene, chatId), type: parts.type },
    sender: parts.sender,
    text: parts.text,
    attachments: normalizeAttachments(parts.attachments),
    mentions: parts.mentions,
    sentAt: Number.isNaN(sentAt) ? Date.now() : sentAt,
    extra,
  };
}
