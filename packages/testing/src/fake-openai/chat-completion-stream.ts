import type { ServerResponse } from 'node:http';
import { splitIntoPieces, splitIntoTextChunks } from '../scripted-model/text-chunks.js';
import type { ChatAnswer } from './chat-answer.js';
import type { RequestLifetime } from './request-lifetime.js';

const argumentPieceLength = 8;

/**
 * The `chat.completion.chunk` objects OpenAI streams for an answer: a role chunk, text in
 * word-sized deltas, each tool call as a header delta (index, id, name) followed by argument
 * deltas, a final chunk with `finish_reason`, and a usage chunk when requested.
 *
 * @param answer - The answer.
 * @param includeUsage - Whether the request set `stream_options.include_usage`.
 * @returns The chunk objects in order (the caller writes `data: [DONE]` after them).
 */
export function chatCompletionChunks(answer: ChatAnswer, includeUsage: boolean): Record<string, unknown>[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: answer.id,
    object: 'chat.completion.chunk',
    created: answer.created,
    model: answer.model,
    system_fingerprint: 'fp_fake_openai',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: Record<string, unknown>[] = [chunk({ role: 'assistant', content: answer.toolCalls.length > 0 && answer.content === null ? null : '', refusal: null })];
  for (const piece of splitIntoTextChunks(answer.content ?? '')) chunks.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of splitIntoPieces(call.arguments, argumentPieceLength)) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, answer.finishReason));
  if (includeUsage) {
    chunks.push({
      id: answer.id,
      object: 'chat.completion.chunk',
      created: answer.created,
      model: answer.model,
      system_fingerprint: 'fp_fake_openai',
      choices: [],
      usage: answer.usage,
    });
  }
  return chunks;
}

/**
 * Streams an answer as OpenAI server-sent events, ending with `data: [DONE]`.
 *
 * @param options - The response, the answer, whether to add usage, the delay between chunks and the request lifetime.
 * @returns Once the stream is written, or as soon as the client goes away.
 */
export async function writeChatCompletionStream(options: {
  response: ServerResponse;
  answer: ChatAnswer;
  includeUsage: boolean;
  chunkDelayMs: number;
  lifetime: RequestLifetime;
}): Promise<void> {
  const { response, lifetime } = options;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.flushHeaders();
  for (const chunk of chatCompletionChunks(options.answer, options.includeUsage)) {
    if (lifetime.ended) return;
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (options.chunkDelayMs > 0 && !(await lifetime.sleep(options.chunkDelayMs))) return;
  }
  response.end('data: [DONE]\n\n');
}
