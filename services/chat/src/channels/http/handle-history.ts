import type { ServerResponse } from 'node:http';
import type { ChannelHost } from '../../channel/channel.js';
import { HttpProblem, sendJson } from './http-problem.js';

/** `GET /v1/sessions/:id/messages[?limit=N]`: the session's messages, oldest first; 404 for a session this channel never saw. */
export async function handleHistory(response: ServerResponse, options: { host: ChannelHost | undefined; sessionId: string; limit: string | null }): Promise<void> {
  const limit = options.limit === null ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new HttpProblem('INVALID_REQUEST', 'limit must be a whole number from 1 to 500.', [{ path: 'limit', message: 'must be a whole number from 1 to 500' }]);
  }
  const messages = await options.host?.history(options.sessionId, { limit });
  if (!messages) throw new HttpProblem('SESSION_NOT_FOUND', `No session "${options.sessionId}" on this channel. Use the sessionId from a reply's done event.`);
  sendJson(response, 200, { sessionId: options.sessionId, messages });
}
