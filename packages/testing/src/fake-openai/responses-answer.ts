import type { TextReply, ToolCallsReply } from '../scripted-model/scripted-reply.js';
import { estimateTokens } from '../scripted-model/text-chunks.js';
import { toolCallInput } from '../scripted-model/tool-call-input.js';
import type { ResponsesRequestBody } from './responses-request.js';

/** A Responses API output item: `reasoning`, `message` or `function_call`. */
export type ResponsesOutputItem =
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[]; encrypted_content?: string | null }
  | { type: 'message'; id: string; status: 'completed'; role: 'assistant'; content: { type: 'output_text'; text: string; annotations: []; logprobs: [] }[] }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: 'completed' };

/** Id generators for one answer. */
export interface ResponsesIds {
  /** `resp_...`. */
  response: string;
  /** Next item id with a prefix (`rs_`, `msg_`, `fc_`). */
  item: (prefix: string) => string;
  /** Next `call_...` id. */
  call: () => string;
}

/**
 * Builds the `response` object answering a request, from the API reference: output items in
 * order (a `reasoning` item with a summary, and `encrypted_content` when the request's `include`
 * asks for `reasoning.encrypted_content`; a `message` with `output_text`; one `function_call` per
 * tool call), `status: "completed"` and usage with reasoning tokens.
 *
 * @param options - The reply, the request body and id generators.
 */
export function toResponsesObject(options: { reply: TextReply | ToolCallsReply; body: ResponsesRequestBody; ids: ResponsesIds }): Record<string, unknown> & { id: string; output: ResponsesOutputItem[] } {
  const { reply, body, ids } = options;
  const output: ResponsesOutputItem[] = [];
  if (reply.reasoning !== undefined) {
    const id = ids.item('rs');
    const encrypted = body.include?.includes('reasoning.encrypted_content') ? `enc_${Buffer.from(`${id}:${reply.reasoning}`).toString('base64')}` : null;
    output.push({ type: 'reasoning', id, summary: [{ type: 'summary_text', text: reply.reasoning }], encrypted_content: encrypted });
  }
  if (reply.text !== undefined && reply.text !== '') {
    output.push({ type: 'message', id: ids.item('msg'), status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }] });
  }
  for (const call of 'toolCalls' in reply ? reply.toolCalls : []) {
    output.push({ type: 'function_call', id: ids.item('fc'), call_id: call.id ?? ids.call(), name: call.name, arguments: toolCallInput(call), status: 'completed' });
  }
  const inputTokens = reply.usage?.inputTokens ?? estimateTokens(JSON.stringify(body.input) + String(body.instructions ?? ''));
  const reasoningTokens = reply.usage ? (reply.usage.reasoningTokens ?? 0) : estimateTokens(reply.reasoning ?? '');
  const outputTokens =
    reply.usage?.outputTokens ??
    reasoningTokens + estimateTokens(reply.text ?? '') + output.filter((item) => item.type === 'function_call').reduce((sum, item) => sum + estimateTokens(item.arguments), 0);
  return {
    id: ids.response,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    model: body.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: body.reasoning ?? { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: reply.usage?.cachedInputTokens ?? 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: inputTokens + outputTokens,
    },
    user: null,
    metadata: {},
  };
}
