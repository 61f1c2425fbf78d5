import type { ModelMessage } from 'ai';
import type { StoredMessage } from '../store/store.js';

/**
 * Converts a window of stored messages into model messages. Tool results at the start of the
 * window whose tool call fell outside it are dropped, so the prompt is always well-formed.
 */
export function toModelMessages(window: readonly StoredMessage[]): ModelMessage[] {
  let start = 0;
  while (start < window.length && window[start]?.role === 'tool') start++;
  const result: ModelMessage[] = [];
  for (let index = start; index < window.length; index++) {
    const message = window[index] as StoredMessage;
    result.push({ role: message.role, content: message.content } as ModelMessage);
  }
  return result;
}

/** The plain text of a message's content (text parts joined), for relevance lookups and logs. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'object' && part !== null && (part as { type?: string }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : ''))
    .filter((text) => text !== '')
    .join('\n');
}
