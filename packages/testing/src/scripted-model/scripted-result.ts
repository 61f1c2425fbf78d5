import type {
  LanguageModelV4FinishReason,
  LanguageModelV4Prompt,
  LanguageModelV4Reasoning,
  LanguageModelV4Text,
  LanguageModelV4ToolCall,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { ScriptedUsage, TextReply, ToolCallsReply } from './scripted-reply.js';
import { estimateTokens } from './text-chunks.js';
import { toolCallInput } from './tool-call-input.js';

/**
 * A successful scripted answer in AI SDK v4 terms.
 */
export interface ScriptedResult {
  /** The reasoning, if any, with provider metadata `{ scripted: { signature } }` that must come back unchanged. */
  reasoning: LanguageModelV4Reasoning | undefined;
  /** The assistant text, if any. */
  text: LanguageModelV4Text | undefined;
  /** The tool calls, in order. */
  toolCalls: LanguageModelV4ToolCall[];
  /** `tool-calls` when tools were called, `stop` otherwise. */
  finishReason: LanguageModelV4FinishReason;
  /** Estimated token usage. */
  usage: LanguageModelV4Usage;
}

/**
 * Turns a text or tool-call reply into v4 content, finish reason and usage.
 *
 * @param options - The reply, the prompt (for input token estimates) and a tool call id generator.
 * @returns The result parts.
 */
export function toScriptedResult(options: {
  reply: TextReply | ToolCallsReply;
  prompt: LanguageModelV4Prompt;
  nextToolCallId: () => string;
}): ScriptedResult {
  const { reply } = options;
  const toolCalls: LanguageModelV4ToolCall[] = ('toolCalls' in reply ? reply.toolCalls : []).map((call) => ({
    type: 'tool-call',
    toolCallId: call.id ?? options.nextToolCallId(),
    toolName: call.name,
    input: toolCallInput(call),
  }));
  const text = reply.text === undefined || reply.text === '' ? undefined : ({ type: 'text', text: reply.text } as const);
  const outputTokens = estimateTokens(reply.text ?? '') + toolCalls.reduce((sum, call) => sum + estimateTokens(call.input), 0);
  const inputTokens = options.prompt.reduce((sum, message) => sum + estimateTokens(promptMessageText(message)), 0);
  const reasoning =
    reply.reasoning === undefined
      ? undefined
      : ({ type: 'reasoning', text: reply.reasoning, providerMetadata: { scripted: { signature: Buffer.from(reply.reasoning).toString('base64') } } } as const);
  return {
    reasoning,
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
    usage: scriptedUsage(reply.usage, inputTokens, outputTokens),
  };
}

function scriptedUsage(usage: ScriptedUsage | undefined, estimatedInput: number, estimatedOutput: number): LanguageModelV4Usage {
  const input = usage?.inputTokens ?? estimatedInput;
  const output = usage?.outputTokens ?? estimatedOutput;
  const cached = usage?.cachedInputTokens ?? 0;
  const reasoning = usage?.reasoningTokens ?? 0;
  return {
    inputTokens: { total: input, noCache: input - cached, cacheRead: cached, cacheWrite: 0 },
    outputTokens: { total: output, text: output - reasoning, reasoning },
  };
}

function promptMessageText(message: LanguageModelV4Prompt[number]): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  for (const part of message.content) if (part.type === 'text' || part.type === 'reasoning') text += part.text;
  return text;
}
