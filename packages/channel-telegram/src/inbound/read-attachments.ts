import type { InboundAttachment } from '@downcity/chat';
import type { TelegramFile, TelegramMessage } from './update-schema.js';

/**
 * The media of a message as attachments. `id` is the Telegram `file_id`, which `download()` resolves
 * with `getFile`. Voice notes are OGG/Opus (`audio/ogg`); of a photo's sizes the largest is kept.
 */
export function readAttachments(message: TelegramMessage): InboundAttachment[] {
  const attachments: InboundAttachment[] = [];
  if (message.voice) attachments.push(attachmentOf('voice', message.voice, 'audio/ogg'));
  if (message.audio) attachments.push(attachmentOf('audio', message.audio, 'audio/mpeg'));
  const photo = largest(message.photo ?? []);
  if (photo) attachments.push(attachmentOf('image', photo, 'image/jpeg'));
  if (message.video) attachments.push(attachmentOf('video', message.video, 'video/mp4'));
  if (message.video_note) attachments.push(attachmentOf('video', message.video_note, 'video/mp4'));
  if (message.document) attachments.push(attachmentOf('file', message.document, undefined));
  return attachments;
}

function attachmentOf(kind: InboundAttachment['kind'], file: TelegramFile, defaultMimeType: string | undefined): InboundAttachment {
  const attachment: InboundAttachment = { kind, id: file.file_id };
  const mimeType = file.mime_type ?? defaultMimeType;
  if (mimeType !== undefined) attachment.mimeType = mimeType;
  if (file.file_name !== undefined) attachment.fileName = file.file_name;
  if (file.file_size !== undefined) attachment.size = file.file_size;
  if (file.duration !== undefined) attachment.durationSeconds = file.duration;
  return attachment;
}

function largest(sizes: readonly TelegramFile[]): TelegramFile | undefined {
  let best: TelegramFile | undefined;
  for (const size of sizes) {
    if (!best || areaOf(size) > areaOf(best) || (areaOf(size) === areaOf(best) && (size.file_size ?? 0) > (best.file_size ?? 0))) best = size;
  }
  return best;
}

function areaOf(size: TelegramFile): number {
  return (size.width ?? 0) * (size.height ?? 0);
}
