import { randomUUID } from 'node:crypto';
import type { RouteContext } from '@downcity/http';
import type { InboundSink } from '../../channel/channel.js';
import type { HttpIdentity } from './credentials/authenticate.js';
import type { HttpChannelConfig } from './http-config.js';
import { httpProblem } from './http-problem.js';
import { parseMessageRequest, toInboundMessage } from './message-request.js';
import type { PendingReplies } from './pending-replies.js';
import { privateMessageId } from './private-ids.js';
import { createReplyWaiter } from './reply-waiter.js';
import { resolveSender } from './resolve-sender.js';

/** Whether the client asked for one JSON body rather than an event stream. */
function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.includes('application/json') && !accept.includes('text/event-stream');
}

/** What `POST /v1/messages` needs. */
export interface HandleMessageOptions {
  /** The channel config. */
  config: HttpChannelConfig;
  /** Where messages go. */
  sink: InboundSink;
  /** Open requests by message id. */
  pending: PendingReplies;
}

const REJECTED = { 'too-large': 'PAYLOAD_TOO_LARGE', invalid: 'INVALID_REQUEST', unavailable: 'UNAVAILABLE' } as const;

/**
 * `POST /v1/messages` (after the content type, the body size and the credential were checked): validates the
 * body, checks its `user` claim against the authenticated identity, delivers the message (stored before
 * anything else), then answers once the reply is complete (JSON) or streams it (SSE). Nothing is stored for a
 * refused request.
 */
export async function handleMessage(c: RouteContext<{ identity: HttpIdentity }>, options: HandleMessageOptions): Promise<Response> {
  const { config, sink, pending } = options;
  const body = parseMessageRequest(await c.req.text());
  const sender = resolveSender(body.user, c.get('identity'));
  const clientMessageId = body.messageId ?? randomUUID();
  const message = toInboundMessage(body, { account: config.account, sender, messageId: privateMessageId(sender.id, clientMessageId) });
  let remove = (): void => {};
  const waiter = createReplyWaiter({
    c,
    clientMessageId,
    streaming: !wantsJson(c.req.header('accept')),
    keepAliveMs: config.keepAliveMs,
    timeoutMs: config.replyTimeoutMs,
    onDone: () => remove(),
  });
  remove = pending.add(message.messageId, waiter);
  let result;
  try {
    result = await sink.deliver(message);
  } catch (error) {
    remove();
    throw error;
  }
  if (result.status === 'accepted') return waiter.respond({ messageId: clientMessageId, ...(result.sessionId ? { sessionId: result.sessionId } : {}) });
  remove();
  if (result.status === 'duplicate') {
    throw httpProblem('DUPLICATE', `Message "${clientMessageId}" was already received; it is answered once. Read the reply with GET /v1/sessions/<sessionId>/messages.`);
  }
  throw httpProblem(REJECTED[result.code ?? 'invalid'], result.reason);
}
