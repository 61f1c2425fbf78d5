import type { InboundMessage } from '@downcity/chat';
import type { BotIdentity } from './bot-identity.js';
import { messageRefOf } from './message-ref.js';
import { readAttachments } from './read-attachments.js';
import { readMentions } from './read-mentions.js';
import { TelegramMessageSchema, TelegramUpdateSchema, type TelegramMessage } from './update-schema.js';

/** What one update turned into: an inbound message, or a reason to skip it (and still acknowledge it). */
export type UpdateReading =
  | { kind: 'message'; updateId: number; message: InboundMessage }
  | { kind: 'skip'; updateId: number | undefined; reason: string; malformed: boolean };

/** Who reads the update: the bot (for mentions and replies) and the account id to stamp on messages. */
export interface ReadUpdateOptions {
  /** The bot, from `getMe`. */
  bot: BotIdentity;
}

/**
 * Normalizes a raw Telegram update. Only `message` updates become inbound messages; other update
 * types, channel posts, service messages and media this channel does not handle are skipped. Never
 * throws: malformed input comes back as a skip with `malformed: true`.
 */
export function readUpdate(raw: unknown, options: ReadUpdateOptions): UpdateReading {
  const update = TelegramUpdateSchema.safeParse(raw);
  if (!update.success) return skip(updateIdOf(raw), 'malformed update: no numeric update_id', true);
  const updateId = update.data.update_id;
  if (update.data.message === undefined) {
    const types = Object.keys(update.data).filter((key) => key !== 'update_id');
    return skip(updateId, `unsupported update type: ${types.join(', ') || 'none'}`, false);
  }
  const parsed = TelegramMessageSchema.safeParse(update.data.message);
  if (!parsed.success) return skip(updateId, `malformed message: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'message').join(', ')}`, true);
  return readMessage(updateId, parsed.data, options.bot);
}

function readMessage(updateId: number, message: TelegramMessage, bot: BotIdentity): UpdateReading {
  const chatType = chatTypeOf(message.chat.type);
  if (!chatType) return skip(updateId, `unsupported chat type: ${message.chat.type}`, false);
  const sender = senderOf(message);
  if (!sender) return skip(updateId, 'message without a sender', true);
  const rawText = message.text ?? message.caption ?? '';
  const attachments = readAttachments(message);
  if (rawText === '' && attachments.length === 0) return skip(updateId, 'no text or supported media (service message, sticker, location...)', false);
  const mentions = readMentions(rawText, message.text !== undefined ? (message.entities ?? []) : (message.caption_entities ?? []), bot);
  const replyTo = replyOf(message, bot);
  const inbound: InboundMessage = {
    channel: 'telegram',
    account: String(bot.id),
    messageId: messageRefOf(message.chat.id, message.message_id),
    chat: { id: String(message.chat.id), type: chatType },
    sender,
    text: mentions.text,
    attachments,
    mentions: { self: mentions.self || replyTo?.fromSelf === true, userIds: mentions.userIds },
    sentAt: message.date * 1000,
    extra: { updateId, telegramMessageId: message.message_id, chatType: message.chat.type },
  };
  if (message.is_topic_message && message.message_thread_id !== undefined) inbound.chat.threadId = String(message.message_thread_id);
  if (message.chat.title !== undefined) inbound.chat.title = message.chat.title;
  if (replyTo) inbound.replyTo = replyTo;
  return { kind: 'message', updateId, message: inbound };
}

function chatTypeOf(type: string): 'direct' | 'group' | undefined {
  if (type === 'private') return 'direct';
  if (type === 'group' || type === 'supergroup') return 'group';
  return undefined;
}

/** Messages sent on behalf of a chat (anonymous admins, linked channels) carry a fake `from`; the chat is the sender. */
function senderOf(message: TelegramMessage): InboundMessage['sender'] | undefined {
  if (message.sender_chat) {
    return { id: String(message.sender_chat.id), displayName: message.sender_chat.title ?? message.sender_chat.username ?? String(message.sender_chat.id), isBot: false };
  }
  const from = message.from;
  if (!from) return undefined;
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id);
  return { id: String(from.id), displayName, isBot: from.is_bot ?? false };
}

/** In forum topics every message "replies" to the topic's creation message; that is not a real reply. */
function replyOf(message: TelegramMessage, bot: BotIdentity): InboundMessage['replyTo'] | undefined {
  const reply = message.reply_to_message;
  if (!reply || reply.forum_topic_created !== undefined) return undefined;
  const replyTo: NonNullable<InboundMessage['replyTo']> = { messageId: messageRefOf(message.chat.id, reply.message_id), fromSelf: reply.from?.id === bot.id };
  const text = reply.text ?? reply.caption;
  if (text !== undefined) replyTo.text = text;
  return replyTo;
}

function skip(updateId: number | undefined, reason: string, malformed: boolean): UpdateReading {
  return { kind: 'skip', updateId, reason, malformed };
}

function updateIdOf(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || !('update_id' in raw)) return undefined;
  const id = (raw as { update_id: unknown }).update_id;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}
