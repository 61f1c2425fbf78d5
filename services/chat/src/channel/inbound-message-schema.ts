import { z } from 'zod';
import type { InboundAttachment, InboundMessage } from './channel.js';

const id = z.string().min(1).max(512);
const json = z.record(z.string(), z.json());

const attachment = z.object({
  kind: z.enum(['voice', 'audio', 'image', 'video', 'file']),
  id,
  mimeType: z.string().max(255).optional(),
  fileName: z.string().max(1024).optional(),
  size: z.number().int().min(0).optional(),
  durationSeconds: z.number().min(0).optional(),
  dataBase64: z.string().optional(),
}) satisfies z.ZodType<InboundAttachment>;

/**
 * Validates what an adapter hands to `InboundSink.deliver`. Typed against {@link InboundMessage}, so the
 * contract and the check cannot drift apart. Text length limits are checked separately (they depend on config).
 */
export const InboundMessageSchema = z.object({
  channel: id,
  account: id,
  messageId: id,
  chat: z.object({
    id,
    type: z.enum(['direct', 'group']),
    threadId: id.optional(),
    title: z.string().optional(),
  }),
  sender: z.object({
    id,
    displayName: z.string().max(512).optional(),
    isBot: z.boolean().optional(),
    authenticatedBy: z.enum(['platform', 'user-credential', 'shared-credential', 'operator']).optional(),
  }),
  text: z.string(),
  attachments: z.array(attachment),
  mentions: z.object({ self: z.boolean(), userIds: z.array(z.string()) }),
  replyTo: z.object({ messageId: id, text: z.string().optional(), fromSelf: z.boolean().optional() }).optional(),
  sentAt: z.number().finite(),
  extra: json.optional(),
}) satisfies z.ZodType<InboundMessage>;
