import { z } from 'zod';

/** The event type this channel turns into inbound messages. */
export const receiveEventType = 'im.message.receive_v1';

const UserIdSchema = z.object({
  open_id: z.string().optional(),
  user_id: z.string().optional(),
  union_id: z.string().optional(),
});

/** One `@` in a message: `key` is the placeholder in the content (`@_user_1`). */
const MentionSchema = z.object({
  key: z.string(),
  id: UserIdSchema.partial().default({}),
  name: z.string().optional(),
});

/**
 * `im.message.receive_v1` as the SDK's `EventDispatcher` hands it over: the schema 2.0 envelope
 * flattened (`header` fields and `event` fields on one object). Unknown fields are ignored.
 * Fields: open.feishu.cn "Receive message" event (im-v1/message/events/receive).
 */
export const ReceiveEventSchema = z.object({
  event_id: z.string().min(1),
  create_time: z.string().optional(),
  sender: z.object({
    sender_id: UserIdSchema,
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    thread_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string().min(1),
    chat_type: z.string().min(1),
    message_type: z.string().min(1),
    content: z.string(),
    mentions: z.array(MentionSchema).optional(),
  }),
});

/** A parsed `im.message.receive_v1` event. */
export type ReceiveEvent = z.output<typeof ReceiveEventSchema>;

/** One mention of a parsed event. */
export type ReceiveMention = z.output<typeof MentionSchema>;
