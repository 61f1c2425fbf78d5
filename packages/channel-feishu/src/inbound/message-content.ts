import type { InboundAttachment } from '@downcity/chat';
import { attachmentId } from './attachment-id.js';
import { flattenPost } from './flatten-post.js';

/** Text and attachments read from a message's `content`. */
export interface MessageContent {
  /** Plain text, mention placeholders (`@_user_1`) still in place. */
  text: string;
  /** Files to fetch with `download()`. */
  attachments: InboundAttachment[];
}

/** Message types this channel understands. */
export const supportedMessageTypes = new Set(['text', 'post', 'image', 'file', 'audio', 'media']);

interface ContentFields {
  text?: unknown;
  image_key?: unknown;
  file_key?: unknown;
  file_name?: unknown;
  duration?: unknown;
}

/**
 * Reads a message's `content` (a JSON string whose shape depends on `message_type`, see
 * open.feishu.cn "Received message content"). Undefined when the type is not supported or the
 * content is malformed.
 */
export function readContent(
  messageType: string,
  content: string,
  messageId: string,
  keyOfOpenId?: (openId: string) => string | undefined,
): MessageContent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const fields = parsed as ContentFields;
  const fileKey = typeof fields.file_key === 'string' ? fields.file_key : undefined;
  const fileName = typeof fields.file_name === 'string' ? fields.file_name : undefined;
  const durationMs = typeof fields.duration === 'number' ? fields.duration : undefined;
  switch (messageType) {
    case 'text':
      return typeof fields.text === 'string' ? { text: fields.text, attachments: [] } : undefined;
    case 'post': {
      const post = flattenPost(parsed, keyOfOpenId);
      if (!post) return undefined;
      const images = post.imageKeys.map((key): InboundAttachment => ({ kind: 'image', id: attachmentId(messageId, key) }));
      const media = post.mediaKeys.map((key): InboundAttachment => ({ kind: 'video', id: attachmentId(messageId, key) }));
      return { text: post.text, attachments: [...images, ...media] };
    }
    case 'image':
      return typeof fields.image_key === 'string'
        ? { text: '', attachments: [{ kind: 'image', id: attachmentId(messageId, fields.image_key) }] }
        : undefined;
    case 'audio':
      // A recorded voice message; Feishu stores audio as Opus.
      return fileKey
        ? {
            text: '',
            attachments: [
              {
                kind: 'voice',
                id: attachmentId(messageId, fileKey),
                mimeType: 'audio/opus',
                fileName: `${fileKey}.opus`,
                ...(durationMs === undefined ? {} : { durationSeconds: durationMs / 1_000 }),
              },
            ],
          }
        : undefined;
    case 'file':
      return fileKey
        ? { text: '', attachments: [{ kind: 'file', id: attachmentId(messageId, fileKey), ...(fileName ? { fileName } : {}) }] }
        : undefined;
    case 'media':
      return fileKey
        ? {
            text: '',
            attachments: [
              {
                kind: 'video',
                id: attachmentId(messageId, fileKey),
                ...(fileName ? { fileName } : {}),
                ...(durationMs === undefined ? {} : { durationSeconds: durationMs / 1_000 }),
              },
            ],
          }
        : undefined;
    default:
      return undefined;
  }
}
