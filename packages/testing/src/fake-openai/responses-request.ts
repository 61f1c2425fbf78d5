/**
 * The fields of an OpenAI Responses API request (`POST /v1/responses`) the fake reads; everything
 * else (tools, reasoning, include, store, instructions...) is recorded as sent.
 */
export interface ResponsesRequestBody {
  /** Model id. */
  model: string;
  /** A string, or input items: messages (`{ role, content }`), `reasoning`, `function_call`, `function_call_output`, `item_reference`... */
  input: string | Record<string, unknown>[];
  /** Whether to answer with server-sent events. */
  stream?: boolean;
  /** Extra output to include, e.g. `reasoning.encrypted_content`. */
  include?: string[];
  /** Other fields. */
  [field: string]: unknown;
}

/** The text of the newest user message in a Responses API input (`input_text` parts joined). */
export function lastResponsesUserText(body: ResponsesRequestBody): string {
  if (typeof body.input === 'string') return body.input;
  for (let index = body.input.length - 1; index >= 0; index--) {
    const item = body.input[index];
    if (item?.role !== 'user') continue;
    if (typeof item.content === 'string') return item.content;
    if (!Array.isArray(item.content)) continue;
    const texts = (item.content as Record<string, unknown>[]).filter((part) => part.type === 'input_text').map((part) => String(part.text ?? ''));
    if (texts.length > 0) return texts.join('\n');
  }
  return '';
}

/** Whether a body is a Responses API request. */
export function isResponsesBody(body: unknown): body is ResponsesRequestBody {
  if (typeof body !== 'object' || body === null) return false;
  const { model, input } = body as { model?: unknown; input?: unknown };
  return typeof model === 'string' && (typeof input === 'string' || Array.isArray(input));
}
