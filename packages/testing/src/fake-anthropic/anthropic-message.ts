import { estimateTokens } from '../scripted-model/text-chunks.js';
import type { AnthropicBlock, AnthropicRequestBody } from './fake-anthropic.js';

/** A Messages API content block as the API returns it (tool ids filled in). */
export type AnthropicContent =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** A Messages API `message` object. */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContent[];
  stop_reason: 'end_turn' | 'tool_use';
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
}

/**
 * Builds the `message` answering a request: the scripted blocks with `toolu_` ids, the stop reason
 * and estimated usage.
 *
 * @param options - The blocks, the request body and id generators.
 */
export function toAnthropicMessage(options: {
  blocks: AnthropicBlock[];
  body: AnthropicRequestBody;
  messageId: string;
  nextToolUseId: () => string;
}): AnthropicMessage {
  const content: AnthropicContent[] = options.blocks.map((block) =>
    block.type === 'tool_use' ? { type: 'tool_use', id: block.id ?? options.nextToolUseId(), name: block.name, input: block.input } : { ...block },
  );
  const outputText = content.map((block) => (block.type === 'text' ? block.text : block.type === 'thinking' ? block.thinking : block.type === 'tool_use' ? JSON.stringify(block.input) : '')).join('');
  return {
    id: options.messageId,
    type: 'message',
    role: 'assistant',
    model: options.body.model,
    content,
    stop_reason: content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: estimateTokens(JSON.stringify(options.body.messages)),
      output_tokens: Math.max(1, estimateTokens(outputText)),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

/** The text of the newest user message of a Messages API request (text blocks joined). */
export function lastAnthropicUserText(body: AnthropicRequestBody): string {
  for (let index = body.messages.length - 1; index >= 0; index--) {
    const message = body.messages[index];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    const texts = message.content.filter((block) => block.type === 'text').map((block) => String(block.text ?? ''));
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}
