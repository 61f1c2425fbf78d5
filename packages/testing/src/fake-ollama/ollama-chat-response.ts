import { estimateTokens } from '../scripted-model/text-chunks.js';
import type { OllamaChatRequestBody, OllamaMessageReply } from './fake-ollama.js';

/** A tool call as Ollama answers it: an id, and `function` with its index, name and arguments object. */
export interface OllamaResponseToolCall {
  id: string;
  function: { index: number; name: string; arguments: Record<string, unknown> };
}

/** The `message` of a chat response: empty fields left out, except `content`. */
export interface OllamaResponseMessage {
  role: 'assistant';
  content: string;
  thinking?: string;
  tool_calls?: OllamaResponseToolCall[];
}

/** A chat response object: a stream chunk, or the whole answer when not streaming. Durations are in nanoseconds. */
export interface OllamaChatResponse {
  model: string;
  created_at: string;
  message: OllamaResponseMessage;
  done: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

/** The complete answer to one chat request, before it is sent whole or in chunks. */
export interface OllamaAnswer {
  model: string;
  message: OllamaResponseMessage;
  doneReason: string;
  promptEvalCount: number;
  evalCount: number;
}

/**
 * Builds the answer to a request: the scripted message with `call_` ids and indexes on its tool
 * calls, no thinking when the request sets `think: false`, and estimated token counts.
 *
 * @param options - The scripted reply, the request body and a tool-call id generator.
 */
export function toOllamaAnswer(options: { reply: OllamaMessageReply; body: OllamaChatRequestBody; nextToolCallId: () => string }): OllamaAnswer {
  const { reply, body } = options;
  const thinking = body.think === false ? '' : (reply.thinking ?? '');
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({ id: call.id ?? options.nextToolCallId(), function: { index, name: call.name, arguments: call.arguments } }));
  const message: OllamaResponseMessage = {
    role: 'assistant',
    content: reply.content ?? '',
    ...(thinking ? { thinking } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  const output = thinking + message.content + toolCalls.map((call) => JSON.stringify(call.function.arguments)).join('');
  return {
    model: body.model,
    message,
    doneReason: reply.doneReason ?? 'stop',
    promptEvalCount: Math.max(1, estimateTokens(JSON.stringify(body.messages ?? []))),
    evalCount: Math.max(1, estimateTokens(output)),
  };
}

/**
 * The fields of the last response object (`done: true`): `done_reason`, the token counts and the
 * durations, the way Ollama orders them.
 *
 * @param answer - The answer.
 * @param elapsedNanoseconds - Time since the request arrived.
 */
export function doneFields(answer: OllamaAnswer, elapsedNanoseconds: number): Omit<OllamaChatResponse, 'model' | 'created_at' | 'message'> {
  const total = Math.max(1000, Math.round(elapsedNanoseconds));
  return {
    done: true,
    done_reason: answer.doneReason,
    total_duration: total,
    load_duration: Math.round(total * 0.1),
    prompt_eval_count: answer.promptEvalCount,
    prompt_eval_duration: Math.round(total * 0.2),
    eval_count: answer.evalCount,
    eval_duration: Math.round(total * 0.6),
  };
}

/**
 * The answer as one object (`stream: false`): the whole message and the final fields.
 *
 * @param answer - The answer.
 * @param elapsedNanoseconds - Time since the request arrived.
 */
export function ollamaChatResponse(answer: OllamaAnswer, elapsedNanoseconds: number): OllamaChatResponse {
  return { model: answer.model, created_at: new Date().toISOString(), message: answer.message, ...doneFields(answer, elapsedNanoseconds) };
}

/** The text of the newest user message of a chat request. */
export function lastOllamaUserText(body: OllamaChatRequestBody): string {
  const messages = body.messages ?? [];
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role === 'user') return typeof message.content === 'string' ? message.content : '';
  }
  return '';
}
