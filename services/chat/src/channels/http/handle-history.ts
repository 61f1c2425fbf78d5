import type { ServerResponse } from 'node:http';
import type { ChannelHost } from '../../channel/channel.js';
import type { HttpIdentity } from './credentials/authenticate.js';
import { HttpProblem, sendJson } from './http-problem.js';
import { clientMessageIdOf, ownsSession } from './private-ids.js';

/** What `GET /v1/sessions/:id/messages` needs. */
export interface HandleHistoryOptions {
  /** Session reads. */
  host: ChannelHost | undefined;
  /** The session asked for. */
  sessionId: string;
  /** The `limit` query parameter. */
  limit: string | null;
  /** The channel account. */
  account: string;
  /** Who asks: only their own sessions are readable. */
  identity: HttpIdentity;
}

/**
 * `GET /v1/sessions/:id/messages[?limit=N]`: the session's messages, oldest first. 404, the same answer as
 * for a session that does not exist, when the session is not the caller's own or this channel never saw it,
 * so another user's session ids cannot even be confirmed.
 */
export async function handleHistory(response: ServerResponse, options: HandleHistoryOptions): Promise<void> {
  const limit = options.limit === null ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new HttpProblem('INVALID_REQUEST', 'limit must be a whole number from 1 to 500.', [{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
  }
  const { identity, sessionId } = options;
  const owned = ownsSession(sessionId, { account: options.account, user: identity.user });
  const messages = owned ? await options.host?.history(sessionId, { limit }) : undefined;
  if (!messages) {
    throw new HttpProblem('SESSION_NOT_FOUND', `No session "${sessionId}" of yours on this channel. Use the sessionId from a reply's done event.`);
  }
  const shown = messages.map((message) => (message.messageId === undefined ? message : { ...message, messageId: clientMessageIdOf(identity.user, message.messageId) }));
  sendJson(response, 200, { sessionId, messages: shown });
}
