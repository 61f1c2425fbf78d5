import type { ServerResponse } from 'node:http';
import type { InboundOutcome } from '../../channel/channel.js';
import { sendJson } from './http-problem.js';
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

const JSON_STATUS: Record<InboundOutcome['status'], number> = { answered: 200, ignored: 200, denied: 403, failed: 502 };

/** Options for {@link createReplyWaiter}. */
export interface ReplyWaiterOptions {
  /** The response to write. */
  response: ServerResponse;
  /** SSE (`true`) or one JSON body. */
  streaming: boolean;
  /** SSE keep-alive interval. */
  keepAliveMs: number;
  /** How long to wait for the reply. */
  timeoutMs: number;
  /** Called once the response is finished or the client left. */
  onDone: () => void;
  /** The message id as the client knows it (the stored one carries the sender, see `privateMessageId`). */
  clientMessageId: string;
}

/**
 * Holds one HTTP request open until its message is settled: as SSE (`delta` events as the model streams, then
 * `done` or `error`) or as one JSON body. Deltas that arrive before {@link start} are buffered. Timers are
 * cleared when the response ends or the client disconnects.
 */
export function createReplyWaiter(options: ReplyWaiterOptions): ReplyWaiter & { start(accepted: { messageId: string; sessionId?: string }): void } {
  const { response, streaming } = options;
  let started = false;
  let finished = false;
  const buffered: string[] = [];
  let pendingOutcome: InboundOutcome | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let timeout: NodeJS.Timeout | undefined;

  // Events written in one tick go out in one write: a short reply costs one or two syscalls, not one per delta.
  let queued = '';
  const flush = (): void => {
    if (queued === '' || finished) return;
    response.write(queued);
    queued = '';
  };
  const event = (name: string, data: unknown): void => {
    if (queued === '') setImmediate(flush);
    queued += `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  };
  const endStream = (): void => {
    const rest = queued;
    queued = '';
    response.end(rest);
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    clearTimeout(timeout);
    options.onDone();
  };
  const fail = (status: number, code: string, message: string): void => {
    if (finished) return;
    if (!started || !streaming) {
      if (!response.headersSent) sendJson(response, status, { error: { code, message } });
      else response.end();
    } else {
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
      sendJson(response, JSON_STATUS[outcome.status], body);
    }
    finish();
  };

  response.on('close', finish);

  return {
    streaming,
    start(accepted) {
      if (finished) return;
      started = true;
      timeout = setTimeout(
        () => fail(504, 'TIMEOUT', `No reply within ${options.timeoutMs} ms; it will still be stored. Read it with GET /v1/sessions/<sessionId>/messages.`),
        options.timeoutMs,
      );
      if (streaming) {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
        event('accepted', accepted);
        for (const delta of buffered.splice(0)) event('delta', { text: delta });
        keepAlive = setInterval(() => {
          if (queued === '') setImmediate(flush);
          queued += ': keep-alive\n\n';
        }, options.keepAliveMs);
      }
      if (pendingOutcome) complete(pendingOutcome);
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
