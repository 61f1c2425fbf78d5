import { jsonResponse, openTextStream, type TextStream } from '@downcity/http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { InboundOutcome } from '../../channel/channel.js';
import type { ReplyWaiter } from './pending-replies.js';

/** What the final event or JSON body holds. */
function summary(outcome: InboundOutcome, clientMessageId: string): Record<string, unknown> {
  return {
    status: outcome.status,
    messageId: clientMessageId,
    ...(outcome.sessionId === undefined ? {} : { sessionId: outcome.sessionId }),
    text: outcome.reply?.text ?? '',
    replyMessageIds: outcome.reply?.messageIds ?? [],
  };
}

const JSON_STATUS: Record<InboundOutcome['status'], ContentfulStatusCode> = { answered: 200, ignored: 200, denied: 403, failed: 502, stopped: 200 };

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };

/** Options for {@link createReplyWaiter}. */
export interface ReplyWaiterOptions {
  /** The request: the answer carries its `X-Request-Id`. */
  c: Context;
  /** SSE (`true`) or one JSON body. */
  streaming: boolean;
  /** SSE keep-alive interval. */
  keepAliveMs: number;
  /** How long to wait for the reply. */
  timeoutMs: number;
  /** Called once the answer is finished, or the client left a stream. */
  onDone: () => void;
  /** The message id as the client knows it (the stored one carries the sender, see `privateMessageId`). */
  clientMessageId: string;
}

/** A {@link ReplyWaiter} that also produces the HTTP answer once the message is accepted. */
export interface PendingAnswer extends ReplyWaiter {
  /**
   * The answer to the request, once its message was accepted: an SSE stream at once (`accepted`, then `delta`
   * events as the model streams, then `done` or `error`), or one JSON body once the reply is complete. When
   * the waiter already ended (the channel is stopping), the JSON error it ended with.
   */
  respond(accepted: { messageId: string; sessionId?: string }): Response | Promise<Response>;
}

/**
 * Holds one HTTP request open until its message is settled. Deltas that arrive before `respond` are buffered;
 * events written in one tick go out as one chunk. Timers are cleared when the answer ends or the client leaves
 * a stream. A JSON request whose client left is let go when its message settles, times out or the channel
 * stops (watching for the disconnect would cost every request an `AbortSignal`).
 */
export function createReplyWaiter(options: ReplyWaiterOptions): PendingAnswer {
  const { c, streaming } = options;
  let started = false;
  let finished = false;
  const buffered: string[] = [];
  let pendingOutcome: InboundOutcome | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let timeout: NodeJS.Timeout | undefined;
  let answerJson: (response: Response) => void = () => {};
  const jsonAnswer = new Promise<Response>((resolve) => (answerJson = resolve));
  let stream: TextStream | undefined;

  // Events written in one tick go out in one chunk: a short reply costs one or two writes, not one per delta.
  let queued = '';
  const flush = (): void => {
    if (queued === '' || finished) return;
    stream?.write(queued);
    queued = '';
  };
  const event = (name: string, data: unknown): void => {
    if (queued === '') setImmediate(flush);
    queued += `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  };
  const endStream = (): void => {
    const rest = queued;
    queued = '';
    stream?.end(rest);
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    clearTimeout(timeout);
    options.onDone();
  };
  const fail = (status: ContentfulStatusCode, code: string, message: string): void => {
    if (finished) return;
    if (!started || !streaming) answerJson(jsonResponse(c, { error: { code, message } }, status));
    else {
      event('error', { code, message });
      endStream();
    }
    finish();
  };
  const complete = (outcome: InboundOutcome): void => {
    if (finished) return;
    if (streaming) {
      if (outcome.status === 'failed') event('error', { ...summary(outcome, options.clientMessageId), code: outcome.error?.code ?? 'REPLY_FAILED', message: outcome.error?.message ?? 'The reply failed.' });
      else event('done', summary(outcome, options.clientMessageId));
      endStream();
    } else {
      const body = outcome.status === 'failed' ? { ...summary(outcome, options.clientMessageId), error: outcome.error ?? { code: 'REPLY_FAILED', message: 'The reply failed.' } } : summary(outcome, options.clientMessageId);
      answerJson(jsonResponse(c, body, JSON_STATUS[outcome.status]));
    }
    finish();
  };

  return {
    streaming,
    respond(accepted) {
      if (finished) return jsonAnswer;
      started = true;
      timeout = setTimeout(
        () => fail(504, 'TIMEOUT', `No reply within ${options.timeoutMs} ms; it will still be stored. Read it with GET /v1/sessions/<sessionId>/messages.`),
        options.timeoutMs,
      );
      if (!streaming) {
        if (pendingOutcome) complete(pendingOutcome);
        return jsonAnswer;
      }
      stream = openTextStream(c, { headers: SSE_HEADERS, onCancel: finish });
      event('accepted', accepted);
      for (const delta of buffered.splice(0)) event('delta', { text: delta });
      keepAlive = setInterval(() => {
        if (queued === '') setImmediate(flush);
        queued += ': keep-alive\n\n';
      }, options.keepAliveMs);
      if (pendingOutcome) complete(pendingOutcome);
      return stream.response;
    },
    delta(text) {
      if (finished || !streaming) return;
      if (!started) buffered.push(text);
      else event('delta', { text });
    },
    settled(outcome) {
      if (!started) pendingOutcome = outcome;
      else complete(outcome);
    },
    abort() {
      fail(503, 'UNAVAILABLE', 'The agent is stopping; the message is stored and will be answered after it restarts.');
    },
  };
}
