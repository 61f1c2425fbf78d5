import { SpanKind } from '@opentelemetry/api';
import { extractTraceContext, withSpan } from '@downcity/core';
import type { ChannelAdapter, InboundMessage } from '../channel/channel.js';
import type { InboxEntry } from '../inbox/inbox-entry.js';

/** The chat service's span attributes (names under `downcity.chat.`). */
export const ChatAttributes = {
  /** The channel id, e.g. `telegram`. */
  channel: 'downcity.chat.channel',
  /** The channel account. */
  account: 'downcity.chat.account',
  /** The inbox id, `<channel>:<account>:<messageId>`. */
  inboxId: 'downcity.chat.inbox_id',
  /** The session the message belongs to. */
  sessionId: 'downcity.chat.session_id',
  /** Whether an entry is answered again after a restart or on another worker. */
  recovered: 'downcity.chat.recovered',
  /** The reply chunk's index, from 0. */
  partIndex: 'downcity.chat.part_index',
  /** The reply's chunk count. */
  partCount: 'downcity.chat.part_count',
  /** What `deliver` answered the channel: `accepted`, `duplicate` or `rejected`. */
  delivery: 'downcity.chat.delivery',
} as const;

/**
 * Runs a channel's delivery of an inbound message inside a `chat.receive` span (kind `CONSUMER`). The span is
 * active while the message is stored and queued, so the trace context queued with it points here.
 */
export function traceReceive<T extends { status: string }>(adapter: ChannelAdapter, raw: unknown, deliver: () => Promise<T>): Promise<T> {
  const messageId = typeof raw === 'object' && raw !== null ? (raw as Partial<InboundMessage>).messageId : undefined;
  const attributes = {
    [ChatAttributes.channel]: adapter.id,
    [ChatAttributes.account]: adapter.account,
    ...(typeof messageId === 'string' ? { 'messaging.message.id': messageId } : {}),
  };
  return withSpan('chat.receive', { kind: SpanKind.CONSUMER, attributes }, async (span) => {
    const result = await deliver();
    span.setAttribute(ChatAttributes.delivery, result.status);
    return result;
  });
}

/**
 * Runs the answering of a queued inbox entry inside a `chat.process` span, a child of the `chat.receive` span
 * that queued it (its trace context travels with the entry, through the in-process queue or a cluster job), so
 * one trace shows the message from arrival to reply even when another worker answers it.
 */
export function traceProcess(id: string, entry: InboxEntry, recovered: boolean, work: () => Promise<void>): Promise<void> {
  const attributes = {
    [ChatAttributes.channel]: entry.message.channel,
    [ChatAttributes.account]: entry.message.account,
    [ChatAttributes.inboxId]: id,
    [ChatAttributes.sessionId]: entry.sessionId,
    [ChatAttributes.recovered]: recovered,
  };
  return withSpan('chat.process', { kind: SpanKind.CONSUMER, attributes, parent: extractTraceContext(entry.trace) }, work);
}

/** Runs one send of a reply chunk inside a `chat.send` span (kind `PRODUCER`). */
export function traceSend<T>(adapter: ChannelAdapter, part: { index: number; count: number; key: string }, send: () => Promise<T>): Promise<T> {
  const attributes = {
    [ChatAttributes.channel]: adapter.id,
    [ChatAttributes.account]: adapter.account,
    [ChatAttributes.partIndex]: part.index,
    [ChatAttributes.partCount]: part.count,
    'downcity.chat.idempotency_key': part.key,
  };
  return withSpan('chat.send', { kind: SpanKind.PRODUCER, attributes }, send);
}
