import { encodeIdPart } from '../../session/session-key.js';

/**
 * The message id the chat service stores for a client's message id: prefixed with the sender, so two users
 * choosing the same `messageId` never collide (neither as a duplicate nor in each other's reply stream).
 * `encodeIdPart` leaves no `:` in the user part, so the first `:` always ends it.
 *
 * @param user - the authenticated user id
 * @param clientMessageId - the id the client sent (or one made up for it)
 */
export const privateMessageId = (user: string, clientMessageId: string): string => `${encodeIdPart(user)}:${clientMessageId}`;

/**
 * The client's own message id back from a stored one, for what the client reads (history, events).
 *
 * @param user - the authenticated user id
 * @param messageId - the stored message id
 */
export function clientMessageIdOf(user: string, messageId: string): string {
  const prefix = `${encodeIdPart(user)}:`;
  return messageId.startsWith(prefix) ? messageId.slice(prefix.length) : messageId;
}

/**
 * Whether a session belongs to the user: the channel's sessions are private (one per sender, see
 * `ChannelCapabilities.privateSessions`), so the session id is `chat:http:<account>:<chatId>:<user>`.
 * Anything else, including an id shortened to fit the store's limit, is not theirs (fail closed).
 *
 * @param sessionId - the session id the client asks for
 * @param owner - the channel account and the authenticated user
 */
export function ownsSession(sessionId: string, owner: { account: string; user: string }): boolean {
  const parts = sessionId.split(':');
  return parts.length === 5 && parts[0] === 'chat' && parts[1] === 'http' && parts[2] === encodeIdPart(owner.account) && parts[4] === encodeIdPart(owner.user);
}
