import type { JsonObject } from '@downcity/core';
import type { ChatMessage } from './chat-message.js';

/**
 * The text the model sees for a user message. Transcripts are labelled as transcribed (and flagged when
 * implausible) so the model never mistakes them for typed text; in groups the sender's name leads.
 */
export function renderUserText(message: ChatMessage): string {
  const lines: string[] = [];
  if (message.text !== '') lines.push(message.text);
  const transcript = message.transcript;
  if (transcript) {
    const caution = transcript.plausible ? '' : ', possibly inaccurate';
    const note = transcript.note ? `; ${transcript.note}` : '';
    lines.push(`[voice message transcribed by ${transcript.engine}${caution}${note}; speech-to-text, not typed by the user]: ${transcript.text}`);
  }
  for (const attachment of message.attachments) {
    const name = attachment.fileName ? ` ${attachment.fileName}` : '';
    const type = attachment.mimeType ? ` (${attachment.mimeType})` : '';
    lines.push(`[${attachment.kind} attached${name}${type}]`);
  }
  for (const note of message.notes) lines.push(`[note: ${note}]`);
  const text = lines.join('\n');
  if (message.chat.type !== 'group') return text;
  return `${message.sender.displayName ?? message.sender.id}: ${text}`;
}

/** The metadata stored with a user message: where it came from, who sent it, attachment references. */
export function userMessageMetadata(message: ChatMessage, inboxId: string): JsonObject {
  const metadata: JsonObject = {
    inboxId,
    channel: message.channel,
    account: message.account,
    messageId: message.messageId,
    chatId: message.chat.id,
    conversation: message.chat.type,
    sender: message.sender.displayName === undefined ? { id: message.sender.id } : { id: message.sender.id, displayName: message.sender.displayName },
    transcribed: message.transcript !== undefined,
    sentAt: message.sentAt,
  };
  if (message.chat.threadId !== undefined) metadata.threadId = message.chat.threadId;
  if (message.replyTo !== undefined) metadata.replyTo = message.replyTo.messageId;
  if (message.attachments.length > 0) {
    metadata.attachments = message.attachments.map((attachment) => {
      const reference: JsonObject = { kind: attachment.kind, id: attachment.id };
      if (attachment.mimeType !== undefined) reference.mimeType = attachment.mimeType;
      if (attachment.fileName !== undefined) reference.fileName = attachment.fileName;
      if (attachment.size !== undefined) reference.size = attachment.size;
      return reference;
    });
  }
  if (message.notes.length > 0) metadata.notes = message.notes;
  return metadata;
}
