import type { Logger } from '@downcity/core';
import type { Inbox } from './inbox.js';
import { isFinished } from './inbox-entry.js';
import type { Outbox } from './outbox.js';

/** How many of the oldest entries one pass looks at. */
const BATCH = 1_000;

/**
 * Deletes finished inbox entries (and their outbox records) that arrived more than `retentionMs` ago. The
 * inbox only has to remember a message for as long as a platform may redeliver it; unfinished entries are
 * never deleted.
 *
 * @returns How many entries were deleted.
 */
export async function pruneInbox(options: { inbox: Inbox; outbox: Outbox; retentionMs: number; logger: Logger; now?: number }): Promise<number> {
  const cutoff = (options.now ?? Date.now()) - options.retentionMs;
  let deleted = 0;
  for (const { id, entry } of await options.inbox.oldest(BATCH)) {
    if (entry.receivedAt >= cutoff) break;
    if (!isFinished(entry)) continue;
    for (let index = 0; index < (entry.replyChunks?.length ?? 0); index++) await options.outbox.forget(`${id}:${index}`);
    await options.inbox.delete(id);
    deleted++;
  }
  if (deleted > 0) options.logger.debug({ deleted }, 'pruned old inbox entries');
  return deleted;
}
