import type { InboundAttachment } from '@downcity/chat';
import { AttachmentSchema, type QqAttachment } from './message-schemas.js';

const AUDIO_TYPES: Record<string, string> = {
  amr: 'audio/amr',
  silk: 'audio/silk',
  slk: 'audio/silk',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
};

/**
 * Turns QQ attachments into inbound attachments; entries without a URL are dropped. The id is
 * the absolute download URL (QQ sometimes omits the scheme). Voice notes (`content_type`
 * `voice`) are SILK or AMR recordings: their MIME type comes from the file name (the
 * `content_type` itself is not a MIME type), and when QQ adds a `voice_wav_url` that WAV copy is
 * used instead, because common decoders cannot read Tencent SILK.
 */
export function normalizeAttachments(raw: readonly unknown[] | undefined): InboundAttachment[] {
  const result: InboundAttachment[] = [];
  for (const item of raw ?? []) {
    const parsed = AttachmentSchema.safeParse(item);
    if (parsed.success) result.push(normalizeAttachment(parsed.data));
  }
  return result;
}

function normalizeAttachment(attachment: QqAttachment): InboundAttachment {
  const contentType = (attachment.content_type ?? '').toLowerCase();
  const isVoice = contentType === 'voice';
  const kind: InboundAttachment['kind'] = isVoice
    ? 'voice'
    : contentType.startsWith('audio/')
      ? 'audio'
      : contentType.startsWith('image/')
        ? 'image'
        : contentType.startsWith('video/')
          ? 'video'
          : 'file';
  const wavUrl = isVoice && attachment.voice_wav_url ? absoluteUrl(attachment.voice_wav_url) : undefined;
  const normalized: InboundAttachment = { kind, id: wavUrl ?? absoluteUrl(attachment.url) };
  const mimeType = wavUrl ? 'audio/wav' : contentType.includes('/') ? contentType : isVoice ? (audioTypeOf(attachment.filename) ?? 'audio/silk') : undefined;
  if (mimeType) normalized.mimeType = mimeType;
  if (attachment.filename) normalized.fileName = attachment.filename;
  if (attachment.size !== undefined && Number.isFinite(attachment.size) && !wavUrl) normalized.size = attachment.size;
  return normalized;
}

function audioTypeOf(fileName: string | undefined): string | undefined {
  const extension = fileName?.split('.').pop()?.toLowerCase();
  return extension ? AUDIO_TYPES[extension] : undefined;
}

/** Adds the scheme QQ leaves out (`//host/...` or `host/...`). */
export function absoluteUrl(url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('//')) return `https:${url}`;
  return `https://${url}`;
}
