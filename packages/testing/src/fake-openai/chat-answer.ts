import type { TextReply, ToolCallsReply } from '../scripted-model/scripted-reply.js';
import { estimateTokens } from '../scripted-model/text-chunks.js';
import { toolCallInput } from '../scripted-model/tool-call-input.js';
import { messageText, type ChatCompletionRequestBody } from './chat-completion-request.js';

/**
 * OpenAI `usage` of a chat completion.
 */
export interface ChatUsage {
  /** Tokens in the prompt. */
  prompt_tokens: number;
  /** Tokens in the answer. */
  completion_tokens: number;
  /** Sum of both. */
  total_tokens: number;
  /** Prompt token breakdown. */
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  /** Completion token breakdown. */
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/**
 * Everything a chat completion (streamed or not) says, in OpenAI terms.
 */
export interface ChatAnswer {
  /** Response id, `chatcmpl-...`. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** Model id echoed from the request. */
  model: string;
  /** Assistant text, `null` when there is none. */
  content: string | null;
  /** Tool calls with ids and JSON-encoded arguments. */
  toolCalls: { id: string; name: string; arguments: string }[];
  /** `tool_calls` when tools were called, `stop` otherwise. */
  finishReason: 'stop' | 'tool_calls';
  /** Estimated token usage. */
  usage: ChatUsage;
}

/**
 * Builds the answer for a text or tool-call reply.
 *
 * @param options - The reply, the request body and id generators.
 * @returns The answer.
 */
export function toChatAnswer(options: {
  reply: TextReply | ToolCallsReply;
  body: ChatCompletionRequestBody;
  responseId: string;
  nextToolCallId: () => string;
}): ChatAnswer {
  const { reply, body } = options;
  const toolCalls = ('toolCalls' in reply ? reply.toolCalls : []).map((call) => ({
    id: call.id ?? options.nextToolCallId(),
    name: call.name,
    arguments: toolCallInput(call),
  }));
  const content = reply.text === undefined || reply.text === '' ? null : reply.text;
  const promptTokens = reply.usage?.inputTokens ?? body.messages.reduce((sum, message) => sum + estimateTokens(messageText(message)), 0);
  const completionTokens =
    reply.usage?.outputTokens ?? estimateTokens(content ?? '') + toolCalls.reduce((sum, call) => sum + estimateTokens(call.arguments), 0);
  return {
    id: options.responseId,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    content,
    toolCalls,
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: reply.usage?.cachedInputTokens ?? 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reply.usage?.reasoningTokens ?? 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}
