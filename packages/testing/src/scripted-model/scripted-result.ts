import type {
  LanguageModelV3FinishReason,
  LanguageModelV3Prompt,
  LanguageModelV3Text,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { TextReply, ToolCallsReply } from './scripted-reply.js';
import { estimateTokens } from './text-chunks.js';
import { toolCallInput } from './tool-call-input.js';

/**
 * A successful scripted answer in AI SDK v3 terms.
 */
export interface ScriptedResult {
  /** The assistant text, if any. */
  text: LanguageModelV3Text | undefined;
  /** The tool calls, in order. */
  toolCalls: LanguageModelV3ToolCall[];
  /** `tool-calls` when tools were called, `stop` otherwise. */
  finishReason: LanguageModelV3FinishReason;
  /** Estimated token usage. */
  usage: LanguageModelV3Usage;
}

/**
 * Turns a text or tool-call reply into v3 content, finish reason and usage.
 *
 * @param options - The reply, the prompt (for input token estimates) and a tool call id generator.
 * @returns The result parts.
 */
export function toScriptedResult(options: {
  reply: TextReply | ToolCallsReply;
  prompt: LanguageModelV3Prompt;
  nextToolCallId: () => string;
}): ScriptedResult {
  const { reply } = options;
  const toolCalls: LanguageModelV3ToolCall[] = ('toolCalls' in reply ? reply.toolCalls : []).map((call) => ({
    type: 'tool-call',
    toolCallId: call.id ?? options.nextToolCallId(),
    toolName: call.name,
    input: toolCallInput(call),
  }));
  const text = reply.text === undefined || reply.text === '' ? undefined : ({ type: 'text', text: reply.text } as const);
  const outputTokens = estimateTokens(reply.text ?? '') + toolCalls.reduce((sum, call) => sum + estimateTokens(call.input), 0);
  const inputTokens = options.prompt.reduce((sum, message) => sum + estimateTokens(promptMessageText(message)), 0);
  return {
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
    },
  };
}

function promptMessageText(message: LanguageModelV3Prompt[number]): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  for (const part of message.content) if (part.type === 'text' || part.type === 'reasoning') text += part.text;
  return text;
}
