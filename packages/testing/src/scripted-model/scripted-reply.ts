/**
 * A scripted text answer.
 */
export interface TextReply {
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
export interface ToolCallsReply {
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
