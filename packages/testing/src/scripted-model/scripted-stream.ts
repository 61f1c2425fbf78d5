import type { LanguageModelV4ResponseMetadata, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { ScriptedResult } from './scripted-result.js';
import { splitIntoTextChunks } from './text-chunks.js';

/**
 * The v4 stream parts for a scripted result: `stream-start`, `response-metadata`, text in
 * word-sized `text-delta`s, each tool call as `tool-input-*` then `tool-call`, and `finish`.
 *
 * @param result - The scripted result.
 * @param metadata - Response id, model id and timestamp.
 * @param hold - When given, every part but `finish` is sent and the stream then stays open until this
 *   signal aborts, failing with its reason (a held reply, see `HoldOption`).
 * @returns A stream that is already complete (no timers, no network), or held open.
 */
export function scriptedStream(
  result: ScriptedResult,
  metadata: LanguageModelV4ResponseMetadata,
  hold?: { signal: AbortSignal | undefined },
): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', ...metadata },
  ];
  if (result.reasoning !== undefined) {
    const providerMetadata = result.reasoning.providerMetadata ?? {};
    parts.push({ type: 'reasoning-start', id: 'reasoning-0' });
    for (const delta of splitIntoTextChunks(result.reasoning.text)) parts.push({ type: 'reasoning-delta', id: 'reasoning-0', delta });
    parts.push({ type: 'reasoning-end', id: 'reasoning-0', providerMetadata });
  }
  if (result.text !== undefined) {
    parts.push({ type: 'text-start', id: 'text-0' });
    for (const delta of splitIntoTextChunks(result.text.text)) parts.push({ type: 'text-delta', id: 'text-0', delta });
    parts.push({ type: 'text-end', id: 'text-0' });
  }
  for (const call of result.toolCalls) {
    parts.push(
      { type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName },
      { type: 'tool-input-delta', id: call.toolCallId, delta: call.input },
      { type: 'tool-input-end', id: call.toolCallId },
      call,
    );
  }
  if (hold) return heldStream(parts, hold.signal);
  parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage });
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** Sends `parts`, then stays open until `signal` aborts and fails with its reason. */
function heldStream(parts: LanguageModelV4StreamPart[], signal: AbortSignal | undefined): ReadableStream<LanguageModelV4StreamPart> {
  let release = (): void => {};
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      if (!signal) return;
      const fail = (): void => controller.error(signal.reason);
      if (signal.aborted) return fail();
      signal.addEventListener('abort', fail, { once: true });
      release = () => signal.removeEventListener('abort', fail);
    },
    cancel() {
      release();
    },
  });
}
