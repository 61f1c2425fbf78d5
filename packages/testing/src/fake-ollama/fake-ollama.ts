import type { RecordedRequest } from '../fake-openai/recorded-request.js';
import type { ReplySource } from '../scripted-model/reply-script.js';
import type { ScriptedErrorSpec } from '../scripted-model/scripted-reply.js';

/** A scripted tool call. Ollama sends `arguments` as an object, never as a JSON string. */
export interface OllamaToolCallReply {
  /** Tool name, as in the request's `tools`. */
  name: string;
  /** The arguments object. */
  arguments: Record<string, unknown>;
  /** `call_...` id; generated (8 lower-case letters and digits, as Ollama does) when omitted. */
  id?: string;
}

/** A scripted assistant message: thinking, text and tool calls, streamed in that order. */
export interface OllamaMessageReply {
  /** The answer text (`message.content`). */
  content?: string;
  /** The thinking trace (`message.thinking`); left out when the request sets `think: false`, as Ollama does. */
  thinking?: string;
  /** Tool calls (`message.tool_calls`). */
  toolCalls?: OllamaToolCallReply[];
  /** `done_reason` of the last chunk: `stop` (the default, also with tool calls) or `length`. */
  doneReason?: 'stop' | 'length';
  /** Waits this long before answering. */
  delayMs?: number;
}

/** One scripted answer to `POST /api/chat`: a message, or a failure sent as `{ "error": "..." }`. */
export type OllamaReply = OllamaMessageReply | { error: ScriptedErrorSpec };

/** A tool call in a chat message: `function.arguments` is an object. */
export interface OllamaToolCall {
  /** The call id (`call_...`); clients send it back in the `tool` message's `tool_call_id`. */
  id?: string;
  /** The function called. */
  function: { index?: number; name: string; arguments: Record<string, unknown> };
  /** Other fields a client sends (e.g. `type: "function"`). */
  [field: string]: unknown;
}

/** A message of a `POST /api/chat` request, as Ollama's API reference describes it. */
export interface OllamaChatMessage {
  /** `system`, `user`, `assistant` or `tool`. */
  role: string;
  /** The text. */
  content: string;
  /** An assistant message's thinking, sent back by the client. */
  thinking?: string;
  /** Base64 images, for multimodal models. */
  images?: string[];
  /** An assistant message's tool calls. */
  tool_calls?: OllamaToolCall[];
  /** A `tool` message: the tool that ran. */
  tool_name?: string;
  /** A `tool` message: the call it answers. */
  tool_call_id?: string;
  /** Anything else the client sent. */
  [field: string]: unknown;
}

/** The fields of a `POST /api/chat` body the fake reads; everything else is recorded as sent. */
export interface OllamaChatRequestBody {
  /** Model name, e.g. `qwen2.5:7b` (`:latest` when no tag is given). */
  model: string;
  /** The conversation. */
  messages?: OllamaChatMessage[];
  /** Tools: `{ type: "function", function: { name, description, parameters } }`. */
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  /** Newline-delimited JSON chunks unless `false`. */
  stream?: boolean;
  /** Whether (or how much: `low`, `medium`, `high`, `max`) a thinking model thinks. */
  think?: boolean | string;
  /** Other fields (format, options, keep_alive...). */
  [field: string]: unknown;
}

/** A recorded `POST /api/chat` request with a valid body. */
export interface FakeOllamaRequest extends RecordedRequest {
  /** The chat request body. */
  body: OllamaChatRequestBody;
}

/** Options for {@link startFakeOllama}. */
export interface FakeOllamaOptions {
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** Port; a free one by default. */
  port?: number;
  /** The models pulled on this server (`qwen2.5:7b`, `llama3.2` meaning `llama3.2:latest`); others get a 404. Every name is accepted when unset. */
  models?: string[];
}

/** A running loopback server speaking Ollama's native chat API, for the real `ollama-ai-provider-v2` client. */
export interface FakeOllama extends AsyncDisposable {
  /** Base URL of the native API, e.g. `http://127.0.0.1:54321/api`: `createOllama({ baseURL })` or `model.baseURL`. */
  readonly baseURL: string;
  /** The server's address without a scheme, e.g. `127.0.0.1:54321`: the form `OLLAMA_HOST` takes. */
  readonly host: string;
  /** Every request received, oldest first (an `authorization` value redacted). */
  readonly requests: readonly RecordedRequest[];
  /** Bodies of the `POST /api/chat` requests, oldest first. */
  readonly chatRequests: readonly OllamaChatRequestBody[];
  /**
   * Queues answers; each chat request takes the oldest one.
   *
   * @param replies - Answers in request order.
   */
  enqueue(...replies: OllamaReply[]): void;
  /**
   * Replaces the answer used when the queue is empty (initially `echo: <last user text>`).
   *
   * @param reply - A fixed answer or a function of the request.
   */
  setDefault(reply: ReplySource<OllamaReply, FakeOllamaRequest>): void;
  /** Stops the server; safe to call twice. */
  close(): Promise<void>;
  /** Same as {@link FakeOllama.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
