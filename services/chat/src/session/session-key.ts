import { createHash } from 'node:crypto';
import type { InboundMessage } from '../channel/channel.js';

/** How conversations map to sessions: one per chat, one per user in a chat, or one per thread. */
export type SessionScope = 'chat' | 'user' | 'thread';

const ALLOWED = /^[\p{L}\p{N}_.@\-/]$/u;
const ALL_ALLOWED = /^[\p{L}\p{N}_.@\-/]+$/u;
const MAX_SESSION_ID_LENGTH = 256;

/**
 * Encodes one id part so it is safe inside a session id and cannot be confused with the `:`
 * separator: characters other than letters, digits and `_ . @ - /` become `+` and their UTF-8 bytes
 * in hex (`:` → `+3A`, `+` → `+2B`). Deterministic and reversible, so distinct ids never collide.
 */
export function encodeIdPart(part: string): string {
  if (ALL_ALLOWED.test(part)) return part;
  let encoded = '';
  for (const character of part) {
    if (ALLOWED.test(character)) encoded += character;
    else for (const byte of Buffer.from(character, 'utf8')) encoded += `+${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded === '' ? '+' : encoded;
}

/** Keeps a session id within the store's 256-character limit by replacing an overlong tail with its hash. */
function fitLength(sessionId: string): string {
  if (sessionId.length <= MAX_SESSION_ID_LENGTH) return sessionId;
  const digest = createHash('sha256').update(sessionId).digest('hex').slice(0, 32);
  return `${sessionId.slice(0, MAX_SESSION_ID_LENGTH - digest.length - 1)}+${digest}`;
}

/** The parts of a conversation that pick its session. */
export interface ConversationRef {
  /** Channel id, e.g. `telegram`. */
  channel: string;
  /** Bot account on the channel. */
  account: string;
  /** Platform chat id. */
  chatId: string;
  /** Thread id, when any. */
  threadId?: string | undefined;
  /** Sender id, when any. */
  userId?: string | undefined;
}

/**
 * The deterministic session id of a conversation:
 * - `chat`: `chat:<channel>:<account>:<chatId>`
 * - `user`: `chat:<channel>:<account>:<chatId>:<userId>` (one session per person in a chat)
 * - `thread`: `chat:<channel>:<account>:<chatId>:<threadId>` (messages outside threads use the chat's session)
 *
 * Each part is encoded with {@link encodeIdPart}.
 */
export function sessionIdFor(conversation: ConversationRef, scope: SessionScope): string {
  const parts = ['chat', conversation.channel, conversation.account, conversation.chatId];
  if (scope === 'user' && conversation.userId !== undefined) parts.push(conversation.userId);
  if (scope === 'thread' && conversation.threadId !== undefined) parts.push(conversation.threadId);
  return fitLength(parts.map((part, index) => (index === 0 ? part : encodeIdPart(part))).join(':'));
}

/** The default session id of an inbound message under `scope` (see {@link sessionIdFor}). */
export function defaultSessionId(message: InboundMessage, scope: SessionScope): string {
  return sessionIdFor(
    { channel: message.channel, account: message.account, chatId: message.chat.id, threadId: message.chat.threadId, userId: message.sender.id },
    scope,
  );
}
