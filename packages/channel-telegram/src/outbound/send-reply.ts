import { splitText, type OutboundAttachment, type OutboundMessage, type OutboundTarget, type SentMessage } from '@downcity/chat';
import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import { GrammyError, InputFile, type Api } from 'grammy';
import { grammySignal } from '../api/grammy-signal.js';
import { toTelegramError } from '../api/to-telegram-error.js';
import { messageRefOf, telegramMessageIdOf } from '../inbound/message-ref.js';
import { toTelegramHtml } from './format-html.js';

/** Telegram's limit for one text message, in characters after entity parsing. */
export const TELEGRAM_MAX_TEXT_LENGTH = 4096;

/** What {@link sendReply} needs. */
export interface SendReplyOptions {
  /** The grammY client. */
  api: Api;
  /** How text is formatted. */
  parseMode: 'html' | 'none';
  /** Where fallbacks are reported. */
  logger: Logger;
  /** Aborts retries waiting on a rate limit. */
  signal?: AbortSignal;
}

interface TextOptions {
  parse_mode?: 'HTML';
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: boolean };
}

/**
 * Sends one outbound message: its text (split at 4,096 characters if the caller did not), then its
 * attachments. Only the first part quotes `replyToMessageId`. Returns the last sent message as
 * `<chat_id>:<message_id>`.
 */
export async function sendReply(options: SendReplyOptions, target: OutboundTarget, message: OutboundMessage): Promise<SentMessage> {
  const attachments = message.attachments ?? [];
  if (message.text.trim() === '' && attachments.length === 0) {
    throw new DowncityError(ErrorCodes.INPUT_INVALID, 'Cannot send an empty message to Telegram: give it text or an attachment.');
  }
  const threadId = target.threadId === undefined ? undefined : Number(target.threadId);
  const replyToId = telegramMessageIdOf(target.replyToMessageId);
  let lastId: number | undefined;
  const parts = message.text.trim() === '' ? [] : splitText(message.text, TELEGRAM_MAX_TEXT_LENGTH);
  for (const [index, part] of parts.entries()) {
    const base: TextOptions = {};
    if (threadId !== undefined && Number.isSafeInteger(threadId)) base.message_thread_id = threadId;
    if (index === 0 && replyToId !== undefined) base.reply_parameters = { message_id: replyToId, allow_sending_without_reply: true };
    lastId = await sendText(options, target.chatId, part, base);
  }
  for (const attachment of attachments) {
    lastId = await sendAttachment(options, target.chatId, attachment, threadId);
  }
  return { messageId: messageRefOf(target.chatId, lastId ?? 0) };
}

async function sendText(options: SendReplyOptions, chatId: string, text: string, base: TextOptions): Promise<number> {
  if (options.parseMode === 'html') {
    try {
      const sent = await options.api.sendMessage(chatId, toTelegramHtml(text), { ...base, parse_mode: 'HTML' }, grammySignal(options.signal));
      return sent.message_id;
    } catch (error) {
      if (!isEntityParseError(error)) throw toTelegramError(error, 'send a message', options.signal);
      options.logger.warn({ chatId }, 'Telegram could not parse the HTML of a reply; sending it as plain text');
    }
  }
  try {
    const sent = await options.api.sendMessage(chatId, text, base, grammySignal(options.signal));
    return sent.message_id;
  } catch (error) {
    throw toTelegramError(error, 'send a message', options.signal);
  }
}

async function sendAttachment(options: SendReplyOptions, chatId: string, attachment: OutboundAttachment, threadId: number | undefined): Promise<number> {
  const file = new InputFile(attachment.data, attachment.fileName);
  const other = threadId !== undefined && Number.isSafeInteger(threadId) ? { message_thread_id: threadId } : {};
  try {
    if (attachment.kind === 'image') return (await options.api.sendPhoto(chatId, file, other, grammySignal(options.signal))).message_id;
    if (attachment.kind === 'audio') return (await options.api.sendAudio(chatId, file, other, grammySignal(options.signal))).message_id;
    return (await options.api.sendDocument(chatId, file, other, grammySignal(options.signal))).message_id;
  } catch (error) {
    throw toTelegramError(error, `send ${attachment.kind === 'image' ? 'a photo' : attachment.kind === 'audio' ? 'an audio file' : 'a document'}`, options.signal);
  }
}

function isEntityParseError(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /can't parse entities/i.test(error.description);
}
