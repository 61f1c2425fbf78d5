import type { ChannelAdapter, InboundOutcome } from '../channel/channel.js';
import type { InboxEntry, InboxOutcome, ReplyKind } from '../inbox/inbox-entry.js';
import { deliverReply } from '../reply/deliver-reply.js';
import { splitText } from '../reply/split-text.js';
import type { InboundJob } from './inbound-job.js';
import { replyTargetOf } from './route.js';

/** A reply about to be stored. */
export interface PendingReply {
  /** The final text ('' sends nothing). */
  text: string;
  /** What produced it. */
  kind: ReplyKind;
  /** The status once sent. */
  outcome: InboxOutcome;
  /** Why it is denied or failed; `message` is safe to show. */
  error?: { code: string; message: string };
  /** Whether the channel already showed this exact text live. */
  streamed?: boolean;
}

/** Stores the reply text and its chunks in the inbox before anything is sent. */
export async function storeReply(job: InboundJob, reply: PendingReply): Promise<void> {
  const { entry, adapter } = job;
  entry.replyText = reply.text;
  entry.replyChunks = splitText(reply.text, adapter.capabilities.maxTextLength);
  entry.replyKind = reply.kind;
  entry.outcome = reply.outcome;
  if (reply.error) entry.error = reply.error;
  if (reply.streamed) entry.streamed = true;
  await job.runtime.inbox.save(job.id, entry);
  job.replyStoredHere = true;
}

/** Reports the outcome to the channel; an adapter that throws is logged, never fatal. */
export function settle(job: InboundJob, entry: InboxEntry, outcome: Omit<InboundOutcome, 'messageId' | 'sessionId'>): void {
  const adapter: ChannelAdapter = job.adapter;
  try {
    adapter.settled?.({ messageId: entry.message.messageId, sessionId: entry.sessionId, ...outcome });
  } catch (error) {
    job.runtime.context.logger.warn({ err: error, channel: adapter.id }, 'channel settled() threw');
  }
}

/**
 * Sends the stored reply (only the chunks not sent yet), then marks the entry and every merged entry with
 * the final status, reports to the channel, and runs the `chat/after-reply` effect for model and command replies.
 */
export async function sendStoredReply(job: InboundJob): Promise<void> {
  const { runtime, entry, adapter } = job;
  const { context, config } = runtime;
  const chunks = entry.replyChunks ?? [];
  const messageIds = await deliverReply({
    adapter,
    target: replyTargetOf(job.answering, config.quoteReplies),
    chunks,
    key: job.id,
    outbox: runtime.outbox,
    retries: config.sendRetries,
    logger: context.logger,
    signal: context.signal,
    ...(entry.streamed ? { streamed: true } : {}),
    ...(job.replyStoredHere ? { fresh: true } : {}),
  });
  const status = entry.outcome ?? 'answered';
  const text = entry.replyText ?? '';
  for (const { id, entry: merged } of [{ id: job.id, entry }, ...job.followers]) {
    merged.status = status;
    await runtime.inbox.save(id, merged);
  }
  for (const { entry: merged } of [{ entry }, ...job.followers]) {
    settle(job, merged, { status, reply: { text, messageIds }, ...(entry.error && status === 'failed' ? { error: entry.error } : {}) });
  }
  if (entry.replyKind === 'model' || entry.replyKind === 'command') {
    await context.plugins.effect('chat/after-reply', {
      text,
      chunks,
      messageIds,
      source: entry.replyKind,
      message: job.answering,
      sessionId: entry.sessionId,
      principal: job.principal,
    });
  }
}
