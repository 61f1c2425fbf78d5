import type { InboundAttachment } from '@downcity/chat';

/** Whether an attachment holds speech to transcribe: a voice note, an audio file, or a file with an `audio/*` MIME type. */
export function isVoiceAttachment(attachment: InboundAttachment): boolean {
  if (attachment.kind === 'voice' || attachment.kind === 'audio') return true;
  return attachment.kind === 'file' && attachment.mimeType?.toLowerCase().startsWith('audio/') === true;
}
