import type { TraceCarrier } from '@downcity/core';
import type { InboundMessage } from '../channel/channel.js';

/**
 * Where an inbound message is in the main path. `pending` and `processing` are unfinished and are
 * re-queued on start; the others are final (`stopped`: its model turn was stopped, never retried).
 */
export type InboxStatus = 'pending' | 'processing' | 'answered' | 'denied' | 'failed' | 'stopped';

/** The final statuses a stored reply leads to. */
export type InboxOutcome = 'answered' | 'denied' | 'failed' | 'stopped';

/** What produced a stored reply. */
export type ReplyKind = 'model' | 'command' | 'notice';

/** One stored inbound message and its progress, keyed `<channel>:<account>:<messageId>`. */
export interface InboxEntry {
  /** Progress. */
  status: InboxStatus;
  /** The session the message belongs to (resolved once, on arrival). */
  sessionId: string;
  /** The message as the channel delivered it. */
  message: InboundMessage;
  /** Arrival time, epoch milliseconds; recovery re-queues in this order. */
  receivedAt: number;
  /** Last change, epoch milliseconds. */
  updatedAt: number;
  /** The `seq` of the stored user message, once appended (a retry never appends it again). */
  seq?: number;
  /** Inbox ids of later messages merged into this message's turn (`mergeQueued`). */
  merged?: string[];
  /** The inbox id of the message whose turn answered this one (`mergeQueued`). */
  mergedInto?: string;
  /** The final reply text, stored before any chunk is sent. */
  replyText?: string;
  /** The reply split for the channel, stored with the text so a retry sends the same chunks. */
  replyChunks?: string[];
  /** What produced the reply. */
  replyKind?: ReplyKind;
  /** The status the entry takes once its reply is sent. */
  outcome?: InboxOutcome;
  /** Whether the reply text was already shown through the channel's live stream. */
  streamed?: boolean;
  /** Why it failed or was denied (safe to show; never a secret). */
  error?: { code: string; message: string };
  /** The trace context of the delivery that stored it (W3C `traceparent`), when tracing is on. */
  trace?: TraceCarrier;
}

/** Whether an entry needs no more work. */
export const isFinished = (entry: Pick<InboxEntry, 'status'>): boolean =>
  entry.status === 'answered' || entry.status === 'denied' || entry.status === 'failed' || entry.status === 'stopped';

/** The inbox id of a message: `<channel>:<account>:<messageId>`. */
export const inboxIdOf = (message: Pick<InboundMessage, 'channel' | 'account' | 'messageId'>): string =>
  `${message.channel}:${message.account}:${message.messageId}`;
