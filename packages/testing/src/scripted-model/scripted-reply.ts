/**
 * Keeps a scripted answer open, for testing stop buttons and cancellation.
 */
export interface HoldOption {
  /**
   * Never finish the answer: a streaming call streams the text (and tool calls), then holds the stream open
   * until the call is aborted and fails with the abort reason; a `generateText` call waits the same way
   * with no content. A call that is never aborted holds forever. `createScriptedModel` only: the loopback
   * servers (`startFakeOpenAI`...) ignore it and have `{ hang: true }` and `chunkDelayMs` instead.
   */
  hold?: boolean;
}

/**
 * Token usage a scripted answer reports instead of the estimate (about four characters per token).
 */
export interface ScriptedUsage {
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  /** Completion tokens, reasoning ones included. */
  outputTokens: number;
  /** Of the prompt tokens, how many were read from the provider's prompt cache (default 0). */
  cachedInputTokens?: number;
  /** Of the completion tokens, how many were reasoning (default 0). */
  reasoningTokens?: number;
}

/**
 * Sets the usage a scripted answer reports.
 */
export interface UsageOption {
  /** The usage to report (OpenAI: `usage.prompt_tokens_details.cached_tokens`, `completion_tokens_details.reasoning_tokens`); estimated when omitted. */
  usage?: ScriptedUsage;
}

/**
 * A scripted text answer.
 */
export interface TextReply extends HoldOption, UsageOption {
  /** The assistant text the model answers with. */
  text: string;
  /** Reasoning the model shows before answering (a reasoning part, or a Responses API reasoning item). */
  reasoning?: string;
}

/**
 * One tool call the model asks for.
 */
export interface ScriptedToolCall {
  /** Name of the tool, as registered in the `tools` passed to the model. */
  name: string;
  /** Tool input: an object (serialized as JSON) or an already JSON-encoded string. */
  arguments: Record<string, unknown> | string;
  /** Tool call id; generated (`call_<n>`) when omitted. */
  id?: string;
}

/**
 * A scripted answer that calls one or more tools, optionally with text before the calls.
 */
export interface ToolCallsReply extends HoldOption, UsageOption {
  /** The tool calls, in order. */
  toolCalls: ScriptedToolCall[];
  /** Text the model says before calling the tools. */
  text?: string;
  /** Reasoning the model shows before calling the tools. */
  reasoning?: string;
}

/**
 * What a scripted failure looks like.
 */
export interface ScriptedErrorSpec {
  /** HTTP status the provider fails with, e.g. 401, 429, 500, 503. */
  status: number;
  /** Error message; a status-specific OpenAI message when omitted. */
  message?: string;
  /** Seconds sent in the `retry-after` header (the AI SDK waits this long before retrying). */
  retryAfterSeconds?: number;
}

/**
 * A scripted failure: the call fails the way a provider API call fails with this status.
 */
export interface ErrorReply {
  /** The failure. */
  error: ScriptedErrorSpec;
}

/**
 * One scripted model answer: text, tool calls, or an error.
 */
export type ScriptedReply = TextReply | ToolCallsReply | ErrorReply;
