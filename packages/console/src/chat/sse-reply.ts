import type { InboundOutcome } from '@downcity/chat';
import { openTextStream, type TextStream } from '@downcity/http';
import type { Context } from 'hono';
import { CONTENT_SECURITY_POLICY } from '../app/security-headers.js';
import { encodeEvent, stepEvent, type ChatEvent } from './chat-events.js';
import type { ReplyListener } from './web-channel.js';

/** The stream's headers: written with the first byte, so the console's security headers are set here too. */
const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The last event for an outcome. */
function finalEvent(outcome: InboundOutcome): ChatEvent {
  const text = outcome.reply?.text ?? '';
  if (outcome.status === 'stopped') return { event: 'stopped', data: { text } };
  if (outcome.status === 'failed') return { event: 'failed', data: { code: outcome.error?.code ?? 'REPLY_FAILED', message: outcome.error?.message ?? 'The reply failed.' } };
  if (outcome.status === 'denied') return { event: 'failed', data: { code: 'DENIED', message: text || 'The message was refused.' } };
  return { event: 'done', data: { text } };
}

/** One web chat reply streamed to the browser as server-sent events (see {@link ChatEvent}). */
export interface SseReply {
  /** Give it to the web channel: it turns the reply into events, buffered until {@link SseReply.open}. */
  readonly listener: ReplyListener;
  /** Opens the event stream once the message is accepted, sends what was buffered; `onLeave` runs if the browser goes away first. */
  open(c: Context, accepted: { messageId: string; sessionId: string }, onLeave: () => void): Response;
}

/** Creates the stream of one reply. Events that arrive before the stream opens are kept and sent first. */
export function createSseReply(): SseReply {
  let stream: TextStream | undefined;
  let buffered = '';
  let ended = false;
  const send = (event: ChatEvent, last = false): void => {
    if (ended) return;
    const frame = encodeEvent(event);
    if (last) ended = true;
    if (!stream) buffered += frame;
    else if (last) stream.end(frame);
    else stream.write(frame);
  };
  return {
    listener: {
      delta: (text) => send({ event: 'delta', data: { text } }),
      step: (step) => send(stepEvent(step)),
      settled: (outcome) => send(finalEvent(outcome), true),
      closed: () => send({ event: 'failed', data: { code: 'UNAVAILABLE', message: 'The agent is stopping; your message is stored and is answered after it restarts.' } }, true),
    },
    open(c, accepted, onLeave) {
      stream = openTextStream(c, { headers: HEADERS, onCancel: onLeave });
      const first = encodeEvent({ event: 'accepted', data: accepted }) + buffered;
      buffered = '';
      if (ended) stream.end(first);
      else stream.write(first);
      return stream.response;
    },
  };
}
