import type { ErrorReply, ScriptedReply } from '../scripted-model/scripted-reply.js';

/**
 * Transport timing added to a scripted reply by the fake server.
 */
export interface FakeReplyTiming {
  /** Wait this long before answering (simulates latency; lets tests abort or time out). */
  delayMs?: number;
  /** For streaming requests, wait this long between SSE chunks. */
  chunkDelayMs?: number;
}

/**
 * A reply that never answers: the request stays open until the client gives up or the server closes.
 */
export interface HangReply {
  /** Never answer. */
  hang: true;
}

/**
 * One scripted answer of the fake server to `POST /v1/chat/completions`:
 * `{ text }`, `{ toolCalls, text? }`, `{ error }` (each optionally with `delayMs`/`chunkDelayMs`), or `{ hang: true }`.
 */
export type FakeReply = (ScriptedReply & FakeReplyTiming) | HangReply;

/**
 * One scripted answer of the fake server to `POST /v1/audio/transcriptions`: the transcript text or a failure.
 */
export type TranscriptionReply = string | ErrorReply;
