import { z } from 'zod';

/**
 * The parts of the Bot API `Update` this channel reads, validated before use. Objects are loose:
 * Telegram adds fields over time and unknown ones are kept, not rejected.
 * Shapes follow https://core.telegram.org/bots/api#update and #message.
 */

const UserSchema = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const ChatSchema = z.looseObject({
  id: z.number(),
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  is_forum: z.boolean().optional(),
});

const EntitySchema = z.looseObject({
  type: z.string(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: UserSchema.optional(),
});

const FileSchema = z.looseObject({
  file_id: z.string().min(1),
  file_unique_id: z.string().optional(),
  file_size: z.number().optional(),
  mime_type: z.string().optional(),
  file_name: z.string().optional(),
  duration: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  title: z.string().optional(),
  performer: z.string().optional(),
});

const ReplySchema = z.looseObject({
  message_id: z.number(),
  from: UserSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  forum_topic_created: z.unknown().optional(),
});

/** A Telegram `Message`, as far as this channel reads it. */
export const TelegramMessageSchema = z.looseObject({
  message_id: z.number(),
  message_thread_id: z.number().optional(),
  is_topic_message: z.boolean().optional(),
  from: UserSchema.optional(),
  sender_chat: ChatSchema.optional(),
  date: z.number(),
  chat: ChatSchema,
  text: z.string().optional(),
  entities: z.array(EntitySchema).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(EntitySchema).optional(),
  reply_to_message: ReplySchema.optional(),
  voice: FileSchema.optional(),
  audio: FileSchema.optional(),
  photo: z.array(FileSchema).optional(),
  document: FileSchema.optional(),
  video: FileSchema.optional(),
  video_note: FileSchema.optional(),
});

/** A Telegram `Update`: an id plus exactly one payload; only `message` is turned into inbound messages. */
export const TelegramUpdateSchema = z.looseObject({
  update_id: z.number().int(),
  message: z.unknown().optional(),
});

/** A validated Telegram message. */
export type TelegramMessage = z.infer<typeof TelegramMessageSchema>;

/** A validated Telegram user. */
export type TelegramUser = z.infer<typeof UserSchema>;

/** A validated message entity. */
export type TelegramEntity = z.infer<typeof EntitySchema>;

/** A validated file object (voice, audio, photo size, document, video). */
export type TelegramFile = z.infer<typeof FileSchema>;
