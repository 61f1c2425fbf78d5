import type { ServerResponse } from 'node:http';
import { splitIntoPieces, splitIntoTextChunks } from '../scripted-model/text-chunks.js';
import type { RequestLifetime } from './request-lifetime.js';
import type { ResponsesOutputItem } from './responses-answer.js';

type Event = { type: string; [field: string]: unknown };

function itemEvents(item: ResponsesOutputItem, outputIndex: number): Event[] {
  const base = { item_id: item.id, output_index: outputIndex };
  const events: Event[] = [];
  switch (item.type) {
    case 'reasoning': {
      events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, summary: [] } });
      item.summary.forEach((part, summaryIndex) => {
        events.push({ type: 'response.reasoning_summary_part.added', ...base, summary_index: summaryIndex, part: { type: 'summary_text', text: '' } });
        for (const delta of splitIntoTextChunks(part.text)) events.push({ type: 'response.reasoning_summary_text.delta', ...base, summary_index: summaryIndex, delta });
        events.push({ type: 'response.reasoning_summary_text.done', ...base, summary_index: summaryIndex, text: part.text });
        events.push({ type: 'response.reasoning_summary_part.done', ...base, summary_index: summaryIndex, part });
      });
      break;
    }
    case 'message': {
      events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      item.content.forEach((part, contentIndex) => {
        events.push({ type: 'response.content_part.added', ...base, content_index: contentIndex, part: { ...part, text: '' } });
        for (const delta of splitIntoTextChunks(part.text)) events.push({ type: 'response.output_text.delta', ...base, content_index: contentIndex, delta, logprobs: [] });
        events.push({ type: 'response.output_text.done', ...base, content_index: contentIndex, text: part.text, logprobs: [] });
        events.push({ type: 'response.content_part.done', ...base, content_index: contentIndex, part });
      });
      break;
    }
    case 'function_call': {
      events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      for (const delta of splitIntoPieces(item.arguments, 8)) events.push({ type: 'response.function_call_arguments.delta', ...base, delta });
      events.push({ type: 'response.function_call_arguments.done', ...base, arguments: item.arguments });
      break;
    }
  }
  events.push({ type: 'response.output_item.done', output_index: outputIndex, item });
  return events;
}

/**
 * The Responses API stream of a response: `response.created`, `response.in_progress`, each output
 * item between `response.output_item.added` and `response.output_item.done` (reasoning summary
 * parts and text deltas, `output_text` deltas, `function_call_arguments` deltas), then
 * `response.completed` with the whole response. Every event carries a `sequence_number`.
 *
 * @param response - The complete response object.
 */
export function responsesStreamEvents(response: Record<string, unknown> & { output: ResponsesOutputItem[] }): Event[] {
  const pending = { ...response, status: 'in_progress', output: [], usage: null };
  const events: Event[] = [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
    ...response.output.flatMap(itemEvents),
    { type: 'response.completed', response },
  ];
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

/**
 * Writes the events as server-sent events (`event: <type>` and `data: <json>`; no `[DONE]`).
 *
 * @param options - The HTTP response, the response object, the delay between events and the request lifetime.
 */
export async function writeResponsesStream(options: {
  response: ServerResponse;
  body: Record<string, unknown> & { output: ResponsesOutputItem[] };
  chunkDelayMs: number;
  lifetime: RequestLifetime;
}): Promise<void> {
  options.response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of responsesStreamEvents(options.body)) {
    if (!(await options.lifetime.sleep(options.chunkDelayMs)) && options.lifetime.ended) return;
    options.response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }
  options.response.end();
}
