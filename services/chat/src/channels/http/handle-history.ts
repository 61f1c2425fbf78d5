import { jsonResponse, type RouteContext } from '@downcity/http';
import type { ChannelHost } from '../../channel/channel.js';
import type { HttpIdentity } from './credentials/authenticate.js';
import { httpProblem } from './http-problem.js';
import { clientMessageIdOf, ownsSession } from './private-ids.js';

/** What `GET /v1/sessions/:id/messages` needs. */
export interface HandleHistoryOptions {
  /** Session reads. */
  host: ChannelHost | undefined;
  /** The channel account. */
  account: string;
}

const HISTORY = /^\/v1\/sessions\/([^/]+)\/messages$/;

/** The session id in the path, percent-decoded; a malformed escape is a 400 (not a silently different id). */
function sessionIdOf(url: string): string {
  try {
    return decodeURIComponent(HISTORY.exec(new URL(url).pathname)?.[1] ?? '');
  } catch {
    throw httpProblem('INVALID_REQUEST', 'The session id in the path is not valid percent-encoding.');
  }
}

/**
 * `GET /v1/sessions/:id/messages[?limit=N]`: the session's messages, oldest first. 404, the same answer as
 * for a session that does not exist, when the session is not the caller's own or this channel never saw it,
 * so another user's session ids cannot even be confirmed.
 */
export async function handleHistory(c: RouteContext<{ identity: HttpIdentity }>, options: HandleHistoryOptions): Promise<Response> {
  const sessionId = sessionIdOf(c.req.url);
  const requested = c.req.query('limit');
  const limit = requested === undefined ? 50 : Number(requested);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw httpProblem('INVALID_REQUEST', 'limit must be a whole number from 1 to 500.', [{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
  }
  const identity = c.get('identity');
  const owned = ownsSession(sessionId, { account: options.account, user: identity.user });
  const messages = owned ? await options.host?.history(sessionId, { limit }) : undefined;
  if (!messages) {
    throw httpProblem('SESSION_NOT_FOUND', `No session "${sessionId}" of yours on this channel. Use the sessionId from a reply's done event.`);
  }
  const shown = messages.map((message) => (message.messageId === undefined ? message : { ...message, messageId: clientMessageIdOf(identity.user, message.messageId) }));
  return jsonResponse(c, { sessionId, messages: shown });
}
