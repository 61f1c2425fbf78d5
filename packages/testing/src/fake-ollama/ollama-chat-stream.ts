import type { ServerResponse } from 'node:http';
import type { RequestLifetime } from '../fake-openai/request-lifetime.js';
import { splitIntoTextChunks } from '../scripted-model/text-chunks.js';
import { doneFields, type OllamaAnswer, type OllamaChatResponse, type OllamaResponseMessage } from './ollama-chat-response.js';

/**
 * The answer as Ollama streams it: one object per piece, `done: false`, each with the whole
 * `message` shape (`role`, `content`, which is `""` in thinking and tool-call chunks): first the
 * thinking pieces, then the text pieces, then one chunk per tool call (a tool call arrives whole,
 * arguments as an object); the last object has an empty message, `done: true`, `done_reason`, the
 * token counts and the durations.
 *
 * @param answer - The complete answer.
 * @param elapsedNanoseconds - Time since the request arrived, for the last chunk's durations.
 */
export function ollamaStreamChunks(answer: OllamaAnswer, elapsedNanoseconds: () => number): OllamaChatResponse[] {
  const chunk = (message: Omit<OllamaResponseMessage, 'role' | 'content'> & { content?: string }): OllamaChatResponse => ({
    model: answer.model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content: message.content ?? '', ...(message.thinking ? { thinking: message.thinking } : {}), ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}) },
    done: false,
  });
  const chunks = [
    ...splitIntoTextChunks(answer.message.thinking ?? '').map((thinking) => chunk({ thinking })),
    ...splitIntoTextChunks(answer.message.content).map((content) => chunk({ content })),
    ...(answer.message.tool_calls ?? []).map((call) => chunk({ tool_calls: [call] })),
  ];
  return [...chunks, { model: answer.model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, ...doneFields(answer, elapsedNanoseconds()) }];
}

/**
 * Writes the stream as newline-delimited JSON (`application/x-ndjson`), one object a line.
 *
 * @param options - The response, the answer, the request's start and the request lifetime.
 */
export async function writeOllamaStream(options: { response: ServerResponse; answer: OllamaAnswer; elapsedNanoseconds: () => number; lifetime: RequestLifetime }): Promise<void> {
  const { response } = options;
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const chunk of ollamaStreamChunks(options.answer, options.elapsedNanoseconds)) {
    if (options.lifetime.ended) return;
    response.write(`${JSON.stringify(chunk)}\n`);
  }
  response.end();
}
