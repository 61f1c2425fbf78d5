import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/**
 * The text of the last user message in an AI SDK prompt.
 *
 * @param prompt - The prompt a language model was called with.
 * @returns The joined text parts of the last user message, or `''` when there is none.
 */
export function lastUserTextOfPrompt(prompt: LanguageModelV4Prompt): string {
  for (let index = prompt.length - 1; index >= 0; index -= 1) {
    const message = prompt[index];
    if (message?.role !== 'user') continue;
    return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  }
  return '';
}
