import type { JsonObject, Principal } from '@downcity/core';
import type { InboundMessage, OutboundTarget } from '../channel/channel.js';

/** The principal a message runs on behalf of: `<channel>:<sender id>`, as the channel authenticated it (and how). */
export function principalOf(message: InboundMessage): Principal {
  const principal: Principal = { id: `${message.channel}:${message.sender.id}`, channel: message.channel, account: message.account, conversation: message.chat.type };
  if (message.sender.displayName !== undefined) principal.displayName = message.sender.displayName;
  if (message.sender.authenticatedBy !== undefined) principal.authenticatedBy = message.sender.authenticatedBy;
  return principal;
}

/** When replies quote the message they answer. */
export type QuoteMode = 'never' | 'group' | 'always';

/** Where the reply to a message goes. */
export function replyTargetOf(message: InboundMessage, quote: QuoteMode): OutboundTarget {
  const target: OutboundTarget = { chatId: message.chat.id, inboundMessageId: message.messageId };
  if (message.chat.threadId !== undefined) target.threadId = message.chat.threadId;
  if (quote === 'always' || (quote === 'group' && message.chat.type === 'group')) target.replyToMessageId = message.messageId;
  if (message.extra !== undefined) target.extra = message.extra;
  return target;
}

/** Where a session's replies go, kept in the session's metadata as `route` (used by `chat/send` to a session id). */
export interface SessionRoute {
  /** Channel id. */
  channel: string;
  /** Bot account. */
  account: string;
  /** Platform chat id. */
  chatId: string;
  /** Thread, when any. */
  threadId?: string;
}

/** The route of a message's conversation. */
export function routeOf(message: InboundMessage): SessionRoute {
  const route: SessionRoute = { channel: message.channel, account: message.account, chatId: message.chat.id };
  if (message.chat.threadId !== undefined) route.threadId = message.chat.threadId;
  return route;
}

/** Reads a route back from session metadata; `undefined` when absent or malformed. */
export function readRoute(metadata: JsonObject): SessionRoute | undefined {
  const route = metadata.route;
  if (typeof route !== 'object' || route === null || Array.isArray(route)) return undefined;
  const { channel, account, chatId, threadId } = route;
  if (typeof channel !== 'string' || typeof account !== 'string' || typeof chatId !== 'string') return undefined;
  return typeof threadId === 'string' ? { channel, account, chatId, threadId } : { channel, account, chatId };
}

/** Whether two routes point at the same place. */
export const sameRoute = (a: SessionRoute | undefined, b: SessionRoute): boolean =>
  a !== undefined && a.channel === b.channel && a.account === b.account && a.chatId === b.chatId && a.threadId === b.threadId;
