import { textOf, type Logger, type SessionApi } from '@downcity/core';
import type { Inbox } from './inbox.js';
import type { InboxEntry } from './inbox-entry.js';

/** How far back recovery looks in a session for a message stored before a crash. */
const LOOK_BACK = 200;

/**
 * Re-queues every unfinished inbox entry (pending or processing), oldest first, so a restart answers the
 * messages a crash left unanswered. The processing step skips what already happened: a user message already
 * appended is not appended again, a reply already stored is not generated again, a chunk already sent is not
 * sent again.
 */
export async function recoverInbox(options: { inbox: Inbox; enqueue: (id: string, entry: InboxEntry) => void; logger: Logger }): Promise<number> {
  const unfinished = await options.inbox.unfinished();
  for (const { id, entry } of unfinished) options.enqueue(id, entry);
  if (unfinished.length > 0) options.logger.info({ count: unfinished.length }, 'recovering unanswered messages from the inbox');
  return unfinished.length;
}

async function recentMessages(session: SessionApi, sessionId: string) {
  try {
    return await session.history(sessionId, { limit: LOOK_BACK });
  } catch {
    return [];
  }
}

/** The `seq` of the user message stored for `inboxId` before a crash, if it was stored. */
export async function findAppendedSeq(session: SessionApi, sessionId: string, inboxId: string): Promise<number | undefined> {
  const messages = await recentMessages(session, sessionId);
  return messages.find((message) => message.role === 'user' && message.metadata.inboxId === inboxId)?.seq;
}

/**
 * The final answer the model stored for `inboxId` before a crash (the turn finished, or was stopped, but the
 * reply was not recorded yet), so recovery sends it instead of asking the model again. `stopped` when the
 * stored text is what a stopped turn had written (marked `stopped` in its metadata).
 */
export async function findStoredAnswer(session: SessionApi, sessionId: string, inboxId: string, afterSeq: number): Promise<{ text: string; stopped: boolean } | undefined> {
  const messages = (await recentMessages(session, sessionId)).filter((message) => message.seq > afterSeq && message.metadata.inboxId === inboxId);
  const last = messages.at(-1);
  if (!last || last.role !== 'assistant' || last.metadata.finishReason === 'tool-calls') return undefined;
  return { text: textOf(last.content), stopped: last.metadata.stopped === true };
}
