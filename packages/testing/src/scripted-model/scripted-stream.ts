import type { LanguageModelV3ResponseMetadata, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { ScriptedResult } from './scripted-result.js';
import { splitIntoTextChunks } from './text-chunks.js';

/**
 * The v3 stream parts for a scripted result: `stream-start`, `response-metadata`, text in
 * word-sized `text-delta`s, each tool call as `tool-input-*` then `tool-call`, and `finish`.
 *
 * @param result - The scripted result.
 * @param metadata - Response id, model id and timestamp.
 * @returns A stream that is already complete (no timers, no network).
 */
export function scriptedStream(
  result: ScriptedResult,
  metadata: LanguageModelV3ResponseMetadata,
): ReadableStream<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', ...metadata },
  ];
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
  parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage });
  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
