import type { ServerResponse } from 'node:http';
import type { RequestLifetime } from '../fake-openai/request-lifetime.js';
import { splitIntoPieces, splitIntoTextChunks } from '../scripted-model/text-chunks.js';
import type { AnthropicContent, AnthropicMessage } from './anthropic-message.js';

type Event = { type: string; [field: string]: unknown };

function blockEvents(block: AnthropicContent, index: number): Event[] {
  const start = (contentBlock: Record<string, unknown>): Event => ({ type: 'content_block_start', index, content_block: contentBlock });
  const delta = (value: Record<string, unknown>): Event => ({ type: 'content_block_delta', index, delta: value });
  const events: Event[] = [];
  switch (block.type) {
    case 'thinking':
      events.push(start({ type: 'thinking', thinking: '', signature: '' }));
      for (const piece of splitIntoTextChunks(block.thinking)) events.push(delta({ type: 'thinking_delta', thinking: piece }));
      events.push(delta({ type: 'signature_delta', signature: block.signature }));
      break;
    case 'redacted_thinking':
      events.push(start({ type: 'redacted_thinking', data: block.data }));
      break;
    case 'text':
      events.push(start({ type: 'text', text: '' }));
      for (const piece of splitIntoTextChunks(block.text)) events.push(delta({ type: 'text_delta', text: piece }));
      break;
    case 'tool_use':
      events.push(start({ type: 'tool_use', id: block.id, name: block.name, input: {} }));
      for (const piece of splitIntoPieces(JSON.stringify(block.input), 12)) events.push(delta({ type: 'input_json_delta', partial_json: piece }));
      break;
  }
  events.push({ type: 'content_block_stop', index });
  return events;
}

/**
 * The Messages API stream of a message: `message_start` (empty content), `ping`, for each block
 * `content_block_start` / `content_block_delta` (`thinking_delta` then one `signature_delta`,
 * `text_delta`, `input_json_delta`) / `content_block_stop`, then `message_delta` with the stop
 * reason and output tokens, and `message_stop`.
 *
 * @param message - The complete message.
 */
export function anthropicStreamEvents(message: AnthropicMessage): Event[] {
  return [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } } },
    { type: 'ping' },
    ...message.content.flatMap(blockEvents),
    { type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: message.usage.output_tokens } },
    { type: 'message_stop' },
  ];
}

/**
 * Writes the events as server-sent events (`event: <type>` and `data: <json>`).
 *
 * @param options - The response, the message and the request lifetime.
 */
export async function writeAnthropicStream(options: { response: ServerResponse; message: AnthropicMessage; lifetime: RequestLifetime }): Promise<void> {
  const { response } = options;
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_${options.message.id}` });
  for (const event of anthropicStreamEvents(options.message)) {
    if (options.lifetime.ended) return;
    response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }
  response.end();
}
