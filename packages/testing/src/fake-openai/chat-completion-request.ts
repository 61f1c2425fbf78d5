/**
 * A content part of an OpenAI chat message (`text`, `image_url`, `input_audio`, `file`, ...).
 */
export interface ChatContentPart {
  /** Part kind. */
  type: string;
  /** Text of a `text` part. */
  text?: string;
  /** Other part fields. */
  [field: string]: unknown;
}

/**
 * A tool call inside an assistant message of an OpenAI chat request.
 */
export interface ChatMessageToolCall {
  /** Tool call id. */
  id: string;
  /** Always `function`. */
  type: 'function';
  /** Called function and its JSON-encoded arguments. */
  function: {
    /** Function (tool) name. */
    name: string;
    /** JSON-encoded arguments. */
    arguments: string;
  };
}

/**
 * One message of an OpenAI chat completion request.
 */
export interface ChatMessage {
  /** Speaker. */
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  /** Text or content parts; `null` for assistant messages that only call tools. */
  content?: string | ChatContentPart[] | null;
  /** Tool calls of an assistant message. */
  tool_calls?: ChatMessageToolCall[];
  /** For `tool` messages: the call this is the result of. */
  tool_call_id?: string;
  /** Other message fields. */
  [field: string]: unknown;
}

/**
 * A function tool offered to the model in an OpenAI chat request.
 */
export interface ChatTool {
  /** Always `function`. */
  type: 'function';
  /** Name, description and JSON Schema of the parameters. */
  function: {
    /** Tool name. */
    name: string;
    /** What the tool does, for the model. */
    description?: string;
    /** JSON Schema of the tool input. */
    parameters?: Record<string, unknown>;
    /** Whether structured outputs are enforced for the arguments. */
    strict?: boolean;
  };
}

/**
 * The JSON body of `POST /v1/chat/completions` (the fields tests usually assert on, plus the rest).
 */
export interface ChatCompletionRequestBody {
  /** Requested model id. */
  model: string;
  /** Conversation so far, system prompt included. */
  messages: ChatMessage[];
  /** Tools offered to the model. */
  tools?: ChatTool[];
  /** Tool choice (`auto`, `none`, `required` or a named function). */
  tool_choice?: unknown;
  /** Whether the answer is streamed as SSE. */
  stream?: boolean;
  /** Streaming options; `include_usage` adds a final usage chunk. */
  stream_options?: {
    /** Whether to send a final chunk with token usage. */
    include_usage?: boolean;
  } | null;
  /** Other request fields (temperature, max_tokens, ...). */
  [field: string]: unknown;
}

/**
 * Checks that a parsed JSON body has the fields a chat completion request needs.
 *
 * @param body - The parsed JSON body.
 * @returns The name of the first missing or invalid parameter, or `undefined` when the body is valid.
 */
export function invalidChatParameter(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body';
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') return 'model';
  if (!Array.isArray(record.messages) || record.messages.length === 0) return 'messages';
  return undefined;
}

/**
 * The text of the last user message of a chat completion request.
 *
 * @param body - The request body.
 * @returns Its string content or joined text parts, or `''` when there is no user message.
 */
export function lastUserText(body: ChatCompletionRequestBody): string {
  for (let index = body.messages.length - 1; index >= 0; index -= 1) {
    const message = body.messages[index];
    if (message?.role === 'user') return messageText(message);
  }
  return '';
}

/**
 * The text of a chat message: its string content or its joined text parts.
 *
 * @param message - The message.
 * @returns The text, `''` when there is none.
 */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return message.content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}
