import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import type { ChannelAdapter, OutboundTarget } from '../channel/channel.js';
import type { Outbox } from '../inbox/outbox.js';
import { traceSend } from '../telemetry/chat-spans.js';

/** What {@link deliverReply} needs. */
export interface DeliverReplyOptions {
  /** The channel to send through. */
  adapter: ChannelAdapter;
  /** Where the reply goes. */
  target: OutboundTarget;
  /** The chunks, each within the channel's limit. */
  chunks: readonly string[];
  /** The outbox key prefix (the inbox id, or `send:<id>` for `chat/send`); chunk `i` is `<key>:<i>`. */
  key: string;
  /** The outbox. */
  outbox: Outbox;
  /** Whether the text was already shown through the channel's live stream. */
  streamed?: boolean;
  /** `true` when no chunk of this reply can have been attempted yet (stored in this run, never sent): skips the outbox lookups. */
  fresh?: boolean;
  /** Retries per chunk after a failed send. */
  retries: number;
  /** For warnings. */
  logger: Logger;
  /** Stops retrying when aborted. */
  signal: AbortSignal;
}

const pause = (milliseconds: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Sends a reply's chunks in order, recording each in the outbox before and after the send. Chunks already sent
 * are skipped; a chunk possibly sent (a crash between the two records) is sent again only when the channel's
 * platform drops repeats ({@link ChannelAdapter.sendIsIdempotent}), else skipped: a retry never shows one twice.
 * A failed send is retried with a short backoff; when retries run out the error is thrown.
 *
 * @returns The platform ids of the chunks (an empty string for a chunk whose fate is unknown).
 */
export async function deliverReply(options: DeliverReplyOptions): Promise<string[]> {
  const { adapter, target, chunks, outbox, logger } = options;
  const ids: string[] = [];
  for (const [index, text] of chunks.entries()) {
    const key = `${options.key}:${index}`;
    const record = options.fresh ? undefined : await outbox.get(key);
    if (record?.status === 'sent') {
      ids.push(record.messageId ?? '');
      continue;
    }
    if (record?.status === 'sending') {
      // Its fate is unknown: a crash cut the send short. Send it again only where the platform drops a repeat.
      if (adapter.sendIsIdempotent?.(target) !== true) {
        logger.warn({ chunk: key }, 'a reply chunk may have been sent before a restart; not sending it again');
        ids.push('');
        continue;
      }
      logger.info({ chunk: key }, 'a reply chunk may have been sent before a restart; sending it again (the platform drops a repeat)');
    }
    for (let attempt = 0; ; attempt++) {
      await outbox.sending(key);
      try {
        const sent = await traceSend(adapter, { index, count: chunks.length, key }, () =>
          adapter.send(target, {
            text,
            idempotencyKey: key,
            part: { index, count: chunks.length },
            ...(options.streamed ? { streamed: true } : {}),
          }),
        );
        await outbox.sent(key, sent.messageId);
        ids.push(sent.messageId);
        break;
      } catch (error) {
        await outbox.forget(key);
        if (attempt >= options.retries || options.signal.aborted) {
          throw new DowncityError(
            ErrorCodes.INTERNAL,
            `Sending reply chunk ${index + 1}/${chunks.length} on channel "${adapter.id}" failed after ${attempt + 1} attempt(s): ${(error as Error).message}`,
            { cause: error, details: { channel: adapter.id, code: 'SEND_FAILED' } },
          );
        }
        logger.warn({ err: error, channel: adapter.id, attempt: attempt + 1 }, 'sending a reply chunk failed; retrying');
        await pause(250 * 2 ** attempt, options.signal);
      }
    }
  }
  return ids;
}
