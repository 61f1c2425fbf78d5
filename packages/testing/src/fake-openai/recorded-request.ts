import type { ChatCompletionRequestBody } from './chat-completion-request.js';
import type { ResponsesRequestBody } from './responses-request.js';

/**
 * A file uploaded in a multipart request.
 */
export interface RecordedFile {
  /** Form field name, e.g. `file`. */
  field: string;
  /** File name sent by the client, e.g. `audio.mp3`. */
  filename: string;
  /** Size in bytes. */
  size: number;
  /** Media type sent by the client, e.g. `audio/mpeg`. */
  contentType: string;
}

/**
 * Text fields and files of a `multipart/form-data` request.
 */
export interface RecordedForm {
  /** Text fields by name (repeated fields such as `include[]` keep the last value). */
  fields: Record<string, string>;
  /** Uploaded files. */
  files: RecordedFile[];
}

/**
 * One request received by the fake server.
 */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Request headers (lower-case names); an `authorization` value is replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** The parsed JSON body; the raw text when it is not valid JSON; `undefined` when empty or multipart. */
  body: unknown;
  /** Fields and files of a multipart request. */
  form?: RecordedForm;
}

/**
 * A recorded `POST /v1/chat/completions` request with a valid body.
 */
export interface FakeChatRequest extends RecordedRequest {
  /** The chat completion request body. */
  body: ChatCompletionRequestBody;
}

/**
 * A recorded `POST /v1/responses` (OpenAI Responses API) request with a valid body.
 */
export interface FakeResponsesRequest extends RecordedRequest {
  /** The Responses API request body. */
  body: ResponsesRequestBody;
}

/**
 * A model request the reply script answers: chat completions or the Responses API (tell them apart by `path`).
 */
export type FakeModelRequest = FakeChatRequest | FakeResponsesRequest;
