import { randomUUID } from 'node:crypto';
import { toFieldProblems } from '@downcity/core';
import { z } from 'zod';
import type { InboundMessage } from '../../channel/channel.js';
import { httpProblem } from './http-problem.js';

const key = z.string().min(1).max(200);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The body of `POST /v1/messages`. */
export const MessageRequestSchema = z
  .object({
    text: z.string().default('').describe('The message text.'),
    sessionKey: key.optional().describe('The conversation key (a chat id chosen by the client); same as chatId.'),
    chatId: key.optional().describe('The conversation id; same as sessionKey.'),
    user: z
      .union([key, z.object({ id: key, displayName: z.string().max(200).optional() }).strict()])
      .optional()
      .describe('Who sends it: an id, or { id, displayName }. Optional: the credential decides who speaks; a different id is refused with 403 USER_MISMATCH.'),
    attachments: z
      .array(
        z
          .object({
            kind: z.enum(['voice', 'audio', 'image', 'video', 'file']),
            mimeType: z.string().min(1).max(255).optional(),
            fileName: z.string().min(1).max(255).optional(),
            dataBase64: z.string().regex(BASE64, 'must be base64'),
          })
          .strict(),
      )
      .max(10)
      .default([]),
    messageId: key.optional().describe('The client message id; a retry with the same id gets 409 and no second reply.'),
  })
  .strict()
  .superRefine((body, context) => {
    if ((body.sessionKey === undefined) === (body.chatId === undefined)) context.addIssue({ code: 'custom', path: ['sessionKey'], message: 'give exactly one of sessionKey or chatId' });
    if (body.text.trim() === '' && body.attachments.length === 0) context.addIssue({ code: 'custom', path: ['text'], message: 'must not be empty (or send an attachment)' });
  });

/** A parsed `POST /v1/messages` body. */
export type MessageRequest = z.output<typeof MessageRequestSchema>;

/** Parses the body: malformed JSON and schema problems become 400 problems with field paths. */
export function parseMessageRequest(body: string): MessageRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw httpProblem('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = MessageRequestSchema.safeParse(json);
  if (!parsed.success) {
    const fields = toFieldProblems(parsed.error);
    throw httpProblem('INVALID_REQUEST', `Invalid request: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`, fields);
  }
  return parsed.data;
}

/**
 * The inbound message for a request, sent by `sender` (the authenticated user, see `resolveSender`), stored
 * under `messageId` when given (see `privateMessageId`), else under the client's id.
 */
export function toInboundMessage(request: MessageRequest, options: { account: string; sender: InboundMessage['sender']; messageId?: string }): InboundMessage {
  const messageId = options.messageId ?? request.messageId ?? randomUUID();
  return {
    channel: 'http',
    account: options.account,
    messageId,
    chat: { id: (request.sessionKey ?? request.chatId) as string, type: 'direct' },
    sender: options.sender,
    text: request.text,
    attachments: request.attachments.map((attachment, index) => ({
      kind: attachment.kind,
      id: `${messageId}:${index}`,
      dataBase64: attachment.dataBase64,
      size: Math.floor((attachment.dataBase64.length * 3) / 4),
      ...(attachment.mimeType ? { mimeType: attachment.mimeType } : {}),
      ...(attachment.fileName ? { fileName: attachment.fileName } : {}),
    })),
    mentions: { self: true, userIds: [] },
    sentAt: Date.now(),
  };
}
