import { splitText, type OutboundMessage, type OutboundTarget, type SentMessage } from '@downcity/chat';
import { DowncityError, type Logger } from '@downcity/core';
import type { OpenApi } from '../api/open-api.js';
import { messagesPath, parseChatId } from '../events/chat-address.js';
import { escapeGuildContent } from '../events/guild-content.js';
import type { ReplySequences } from './reply-sequences.js';

/** QQ's answer when `msg_id + msg_seq` was already sent: the chunk is on screen already. */
const DUPLICATE_MSG_SEQ = 40054005;

/** What sending needs. */
export interface SendOptions {
  /** The OpenAPI caller. */
  api: OpenApi;
  /** `msg_seq` counters. */
  sequences: ReplySequences;
  /** Longest chunk. */
  maxTextLength: number;
  /** Where warnings go. */
  logger: Logger;
}

/**
 * Sends one outbound message, split again if it is longer than the limit. C2C and group
 * messages go to `POST /v2/users/{openid}/messages` and `POST /v2/groups/{group_openid}/messages`
 * as `{content, msg_type: 0, msg_id, msg_seq}`; guild messages to `POST /channels/{channel_id}/messages`
 * (or `/dms/{guild_id}/messages`) as `{content, msg_id}` with embedded formats escaped. The
 * `msg_id` is the quoted message, else the inbound message being answered. Without either the
 * send is a proactive message, which QQ limits heavily.
 */
export async function sendMessage(options: SendOptions, target: OutboundTarget, message: OutboundMessage): Promise<SentMessage> {
  const { scene, id } = parseChatId(target.chatId);
  const msgId = target.replyToMessageId ?? target.inboundMessageId ?? (typeof target.extra?.msgId === 'string' ? target.extra.msgId : undefined);
  if (msgId === undefined) options.logger.warn({ scene }, 'QQ message sent without a message to reply to: QQ limits such proactive messages');
  if (message.attachments?.length) options.logger.warn({ count: message.attachments.length }, 'QQ channel does not send attachments yet; they were left out');
  const v2 = scene === 'c2c' || scene === 'group';
  const chunks = splitText(message.text, options.maxTextLength);
  const firstPart = (message.part?.index ?? 0) + 1;
  let sent: SentMessage = { messageId: '' };
  for (const [offset, chunk] of chunks.entries()) {
    if (chunk.trim() === '') continue;
    const seq = v2 && msgId !== undefined ? options.sequences.seqFor(msgId, `${firstPart + offset}\n${chunk}`, firstPart + offset) : undefined;
    const body = v2
      ? { content: chunk, msg_type: 0, ...(msgId === undefined ? {} : { msg_id: msgId, msg_seq: seq }) }
      : { content: escapeGuildContent(chunk), ...(msgId === undefined ? {} : { msg_id: msgId }) };
    try {
      const answer = (await options.api.call({ method: 'POST', path: messagesPath(scene, id), body, what: 'sending a QQ message', idempotent: seq !== undefined })) as { id?: unknown } | undefined;
      sent = { messageId: typeof answer?.id === 'string' ? answer.id : '' };
    } catch (error) {
      if (seq !== undefined && DowncityError.is(error) && error.details.code === DUPLICATE_MSG_SEQ) {
        options.logger.info({ msgSeq: seq }, 'QQ already had this reply chunk (msg_seq deduplicated); not sent twice');
        sent = { messageId: `${msgId}#${seq}` };
        continue;
      }
      throw error;
    }
  }
  return sent;
}
