import { createHash } from 'node:crypto';

/** How long QQ accepts passive replies to a message (60 minutes for C2C, 5 for groups). */
const REPLY_WINDOW_MS = 60 * 60 * 1000;

/** Hands out `msg_seq` numbers per replied-to message. */
export interface ReplySequences {
  /**
   * The `msg_seq` for one chunk replying to `msgId`. The same chunk (same `chunkKey`) always
   * gets the same number; a new chunk gets the next number, at least `floor`.
   */
  seqFor(msgId: string, chunkKey: string, floor: number): number;
}

interface Counter {
  last: number;
  chunks: Map<string, number>;
  at: number;
}

/**
 * Counts replies per `msg_id`. QQ refuses a second message with the same `msg_id + msg_seq`
 * (code 40054005), so chunk 1, 2, 3... of a reply and any later reply to the same message each
 * get the next number, while a retry of a chunk reuses its number: if the first attempt did
 * reach QQ, the retry is deduplicated instead of shown twice. `floor` is the chunk's position in
 * the reply (part index + 1), so after a restart (empty counters) a re-sent chunk also gets its
 * old number. Counters older than the reply window are dropped.
 */
export function createReplySequences(now: () => number = Date.now): ReplySequences {
  const counters = new Map<string, Counter>();
  return {
    seqFor(msgId, chunkKey, floor) {
      const time = now();
      for (const [key, entry] of counters) {
        if (time - entry.at > REPLY_WINDOW_MS) counters.delete(key);
        else break;
      }
      const counter = counters.get(msgId) ?? { last: 0, chunks: new Map<string, number>(), at: time };
      const key = createHash('sha256').update(chunkKey).digest('base64url');
      let seq = counter.chunks.get(key);
      if (seq === undefined) {
        seq = Math.max(counter.last + 1, floor);
        counter.chunks.set(key, seq);
        counter.last = Math.max(counter.last, seq);
      }
      counters.delete(msgId);
      counters.set(msgId, { ...counter, at: time });
      return seq;
    },
  };
}
