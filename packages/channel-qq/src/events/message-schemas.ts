import { z } from 'zod';

/** An attachment on a QQ message (`attachments[]`). Unknown fields are kept out. */
export const AttachmentSchema = z.object({
  content_type: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().min(1),
  size: z.coerce.number().optional(),
  /** Not in the docs but sent with voice notes: the same recording converted to WAV. */
  voice_wav_url: z.string().optional(),
});

/** One QQ attachment. */
export type QqAttachment = z.output<typeof AttachmentSchema>;

const attachments = z.array(z.unknown()).optional();

/** `C2C_MESSAGE_CREATE`: a user's direct message (API v2, 单聊消息). */
export const C2cMessageSchema = z.object({
  id: z.string().min(1),
  content: z.string().default(''),
  timestamp: z.string().optional(),
  author: z.object({ user_openid: z.string().min(1) }),
  attachments,
});

/** `GROUP_AT_MESSAGE_CREATE`: a group message that @-mentions the bot (API v2, 群聊@机器人). */
export const GroupMessageSchema = z.object({
  id: z.string().min(1),
  content: z.string().default(''),
  timestamp: z.string().optional(),
  group_openid: z.string().min(1),
  author: z.object({ member_openid: z.string().min(1) }),
  attachments,
});

const GuildUserSchema = z.object({ id: z.string().min(1), username: z.string().optional(), bot: z.boolean().optional() });

/** `AT_MESSAGE_CREATE`, `MESSAGE_CREATE`, `DIRECT_MESSAGE_CREATE`: the guild Message object. */
export const GuildMessageSchema = z.object({
  id: z.string().min(1),
  channel_id: z.string().min(1),
  guild_id: z.string().min(1),
  content: z.string().default(''),
  timestamp: z.string().optional(),
  author: GuildUserSchema,
  mentions: z.array(GuildUserSchema).optional(),
  message_reference: z.object({ message_id: z.string().min(1) }).optional(),
  attachments,
});

/** A parsed C2C message. */
export type C2cMessage = z.output<typeof C2cMessageSchema>;
/** A parsed group message. */
export type GroupMessage = z.output<typeof GroupMessageSchema>;
/** A parsed guild message. */
export type GuildMessage = z.output<typeof GuildMessageSchema>;
