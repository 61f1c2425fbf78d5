import type { ScriptedErrorSpec } from '../scripted-model/scripted-reply.js';
import type { ReplySource } from '../scripted-model/reply-script.js';
import type { RecordedRequest } from '../fake-openai/recorded-request.js';

/** A `thinking` block (extended thinking): the text and the signature the API checks when it comes back. */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  /** The thinking text. */
  thinking: string;
  /** The opaque signature; clients must send the block back unchanged in the next request. */
  signature: string;
}

/** A `redacted_thinking` block: encrypted thinking with no readable text. */
export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  /** The encrypted data, sent back unchanged. */
  data: string;
}

/** A `text` block. */
export interface AnthropicTextBlock {
  type: 'text';
  /** The text. */
  text: string;
}

/** A `tool_use` block: the model calls a client tool. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  /** Tool name, as in the request's `tools`. */
  name: string;
  /** The tool input object. */
  input: Record<string, unknown>;
  /** `toolu_...` id; generated when omitted. */
  id?: string;
}

/** One scripted content block of a Messages API answer. */
export type AnthropicBlock = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock | AnthropicTextBlock | AnthropicToolUseBlock;

/**
 * One scripted answer to `POST /v1/messages`: content blocks in order (`stop_reason` is `tool_use`
 * when a `tool_use` block is present, `end_turn` otherwise), or a failure.
 */
export type AnthropicReply = { content: AnthropicBlock[]; delayMs?: number } | { error: ScriptedErrorSpec };

/** A recorded `POST /v1/messages` request. */
export interface FakeAnthropicRequest extends RecordedRequest {
  /** The Messages API request body (`model`, `messages`, `system`, `tools`, `thinking`, `stream`...). */
  body: AnthropicRequestBody;
}

/** The fields of a Messages API request the fake reads; everything else is recorded as sent. */
export interface AnthropicRequestBody {
  /** Model id. */
  model: string;
  /** Conversation: user and assistant messages with string or block content. */
  messages: { role: 'user' | 'assistant'; content: string | Record<string, unknown>[] }[];
  /** Whether to answer with server-sent events. */
  stream?: boolean;
  /** Other fields (system, tools, thinking, max_tokens...). */
  [field: string]: unknown;
}

/** Options for {@link startFakeAnthropic}. */
export interface FakeAnthropicOptions {
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** Port; a free one by default. */
  port?: number;
  /** When set, requests with another `x-api-key` get a 401 `authentication_error`. */
  apiKey?: string;
}

/** A running loopback server speaking the Anthropic Messages API, for the real `@ai-sdk/anthropic` client. */
export interface FakeAnthropic extends AsyncDisposable {
  /** Base URL to give the provider, e.g. `http://127.0.0.1:54321/v1`. */
  readonly baseURL: string;
  /** Every request received, oldest first (`x-api-key` and `authorization` redacted). */
  readonly requests: readonly RecordedRequest[];
  /** Bodies of the `POST /v1/messages` requests, oldest first. */
  readonly messageRequests: readonly AnthropicRequestBody[];
  /**
   * Queues answers; each request takes the oldest one.
   *
   * @param replies - Answers in request order.
   */
  enqueue(...replies: AnthropicReply[]): void;
  /**
   * Replaces the answer used when the queue is empty (initially `echo: <last user text>`).
   *
   * @param reply - A fixed answer or a function of the request.
   */
  setDefault(reply: ReplySource<AnthropicReply, FakeAnthropicRequest>): void;
  /** Stops the server; safe to call twice. */
  close(): Promise<void>;
  /** Same as {@link FakeAnthropic.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
