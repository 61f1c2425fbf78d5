import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundSink } from '../../channel/channel.js';
import type { HttpIdentity } from './credentials/authenticate.js';
import type { HttpChannelConfig } from './http-config.js';
import { HttpProblem } from './http-problem.js';
import { parseMessageRequest, toInboundMessage } from './message-request.js';
import type { PendingReplies } from './pending-replies.js';
import { privateMessageId } from './private-ids.js';
import { readBody } from './read-body.js';
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
 * `POST /v1/messages`: reads and validates the body, checks its `user` claim against the authenticated
 * `identity`, delivers the message (stored before anything else), then holds the response open until the
 * reply is complete. Nothing is stored for a refused request.
 */
export async function handleMessage(request: IncomingMessage, response: ServerResponse, options: HandleMessageOptions & { identity: HttpIdentity }): Promise<void> {
  const { config, sink, pending, identity } = options;
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/json/i.test(contentType)) {
    request.resume();
    throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', `Send the body as JSON ("content-type: application/json"), not "${contentType}".`);
  }
  const body = parseMessageRequest(await readBody(request, config.maxBodyBytes));
  const sender = resolveSender(body.user, identity);
  const clientMessageId = body.messageId ?? randomUUID();
  const message = toInboundMessage(body, { account: config.account, sender, messageId: privateMessageId(sender.id, clientMessageId) });
  let remove = (): void => {};
  const waiter = createReplyWaiter({
    response,
    clientMessageId,
    streaming: !wantsJson(request.headers.accept),
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
  if (result.status === 'accepted') return waiter.start({ messageId: clientMessageId, ...(result.sessionId ? { sessionId: result.sessionId } : {}) });
  remove();
  if (result.status === 'duplicate') {
    throw new HttpProblem('DUPLICATE', `Message "${clientMessageId}" was already received; it is answered once. Read the reply with GET /v1/sessions/<sessionId>/messages.`);
  }
  throw new HttpProblem(REJECTED[result.code ?? 'invalid'], result.reason);
}
