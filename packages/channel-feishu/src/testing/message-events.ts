import { randomUUID } from 'node:crypto';

/** A mention in a built event. */
export interface MentionSpec {
  /** Placeholder key, e.g. `@_user_1`. */
  key: string;
  /** The mentioned open_id. */
  openId: string;
  /** Display name. */
  name: string;
}

/** What to put in a built `im.message.receive_v1` event. */
export interface MessageEventSpec {
  /** `message_type`. */
  messageType: 'text' | 'post' | 'image' | 'file' | 'audio' | 'sticker' | string;
  /** `content` as an object (serialized to the JSON string Feishu sends). */
  content: Record<string, unknown>;
  /** `p2p` (default) or `group`. */
  chatType?: 'p2p' | 'group';
  /** Defaults to a fresh id. */
  eventId?: string;
  /** Defaults to a fresh `om_` id. */
  messageId?: string;
  /** Defaults to `oc_chat`. */
  chatId?: string;
  /** Defaults to `ou_user`. */
  senderOpenId?: string;
  /** Mentions. */
  mentions?: MentionSpec[];
  /** The message replied to. */
  parentId?: string;
  /** Verification token in `header.token`. */
  token?: string;
  /** App id in `header.app_id`. */
  appId?: string;
}

/**
 * Builds a schema 2.0 `im.message.receive_v1` envelope as documented (open.feishu.cn "Receive
 * message" event): `header` { event_id, event_type, create_time, token, app_id, tenant_key } and
 * `event` { sender { sender_id, sender_type, tenant_key }, message { message_id, root_id,
 * parent_id, create_time, chat_id, chat_type, message_type, content, mentions } }.
 */
export function messageEvent(spec: MessageEventSpec): Record<string, unknown> {
  const now = String(Date.now());
  return {
    schema: '2.0',
    header: {
      event_id: spec.eventId ?? randomUUID().replaceAll('-', ''),
      event_type: 'im.message.receive_v1',
      create_time: now,
      token: spec.token ?? 'verification-token',
      app_id: spec.appId ?? 'cli_a1b2c3d4e5f6a7b8',
      tenant_key: '2ca1d211f64f6438',
    },
    event: {
      sender: {
        sender_id: { union_id: 'on_union', user_id: 'user-1', open_id: spec.senderOpenId ?? 'ou_user' },
        sender_type: 'user',
        tenant_key: '2ca1d211f64f6438',
      },
      message: {
        message_id: spec.messageId ?? `om_${randomUUID().replaceAll('-', '')}`,
        ...(spec.parentId ? { root_id: spec.parentId, parent_id: spec.parentId } : {}),
        create_time: now,
        update_time: now,
        chat_id: spec.chatId ?? 'oc_chat',
        chat_type: spec.chatType ?? 'p2p',
        message_type: spec.messageType,
        content: JSON.stringify(spec.content),
        ...(spec.mentions
          ? {
              mentions: spec.mentions.map((mention) => ({
                key: mention.key,
                id: { union_id: `on_${mention.openId}`, user_id: `u_${mention.openId}`, open_id: mention.openId },
                name: mention.name,
                tenant_key: '2ca1d211f64f6438',
              })),
            }
          : {}),
      },
    },
  };
}
