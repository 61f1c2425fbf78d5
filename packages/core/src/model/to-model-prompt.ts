import type { LanguageModelV3, LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import { convertToLanguageModelPrompt } from 'ai/internal';

type Part = { type: string; [key: string]: unknown };

const isSimplePart = (part: Part): boolean => part.type === 'text' || part.type === 'tool-call' || part.type === 'tool-result' || part.type === 'reasoning';

function isSimple(message: ModelMessage): boolean {
  return typeof message.content === 'string' || (message.content as Part[]).every(isSimplePart);
}

function convertSimple(message: ModelMessage): LanguageModelV3Message {
  if (message.role === 'system') return { role: 'system', content: message.content };
  const parts: Part[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : (message.content as Part[]);
  const content = parts.map((part) => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: String(part.text ?? '') };
      case 'reasoning':
        return { type: 'reasoning', text: String(part.text ?? '') };
      case 'tool-call':
        return { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
      default:
        return { type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output: part.output };
    }
  });
  return { role: message.role, content } as LanguageModelV3Message;
}

/**
 * Converts stored model messages into the provider prompt. Text and tool messages (the common
 * case) are converted directly, without re-validating history the store already holds; a prompt
 * with images or files goes through the AI SDK's own converter, which also downloads URLs the
 * provider cannot fetch itself.
 */
export async function toModelPrompt(options: {
  model: LanguageModelV3;
  system: string;
  messages: ModelMessage[];
  signal: AbortSignal;
}): Promise<LanguageModelV3Prompt> {
  if (options.messages.every(isSimple)) {
    return [{ role: 'system', content: options.system }, ...options.messages.map(convertSimple)];
  }
  return convertToLanguageModelPrompt({
    prompt: { system: options.system, messages: options.messages },
    supportedUrls: await options.model.supportedUrls,
    download: undefined,
    abortSignal: options.signal,
  });
}
