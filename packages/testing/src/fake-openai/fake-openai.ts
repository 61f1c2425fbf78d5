import type { ReplySource } from '../scripted-model/reply-script.js';
import type { ChatCompletionRequestBody } from './chat-completion-request.js';
import type { FakeReply, TranscriptionReply } from './fake-reply.js';
import type { FakeModelRequest, RecordedRequest } from './recorded-request.js';
import type { ResponsesRequestBody } from './responses-request.js';

/**
 * Options for {@link startFakeOpenAI}.
 */
export interface FakeOpenAIOptions {
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** Port to listen on; `0` (a free port) by default. */
  port?: number;
  /** When set, requests with another bearer token get OpenAI's 401 `invalid_api_key` error. */
  apiKey?: string;
  /** Length of embedding vectors when the request sets no `dimensions`; 64 by default. */
  embeddingDimensions?: number;
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
}

/**
 * A running loopback server speaking the OpenAI HTTP API, for the real AI SDK provider clients.
 */
export interface FakeOpenAI extends AsyncDisposable {
  /** Base URL to give a provider client, e.g. `http://127.0.0.1:54321/v1`. */
  readonly baseURL: string;
  /** Every request received, oldest first (authorization values redacted). */
  readonly requests: readonly RecordedRequest[];
  /** Bodies of the valid `POST /v1/chat/completions` requests, oldest first. */
  readonly chatRequests: readonly ChatCompletionRequestBody[];
  /** Bodies of the valid `POST /v1/responses` (Responses API) requests, oldest first. */
  readonly responsesRequests: readonly ResponsesRequestBody[];
  /**
   * Queues model replies; each chat completion or Responses API request takes the oldest one.
   *
   * @param replies - Replies in request order.
   */
  enqueue(...replies: FakeReply[]): void;
  /**
   * Replaces the chat reply used when the queue is empty (initially `echo: <last user text>`).
   *
   * @param reply - A fixed reply or a function of the request.
   */
  setDefault(reply: ReplySource<FakeReply, FakeModelRequest>): void;
  /**
   * Queues transcription replies; each transcription request takes the oldest one.
   *
   * @param replies - Transcript texts or failures, in request order.
   */
  enqueueTranscription(...replies: TranscriptionReply[]): void;
  /**
   * Replaces the transcription reply used when the queue is empty (initially `''`).
   *
   * @param reply - A fixed reply or a function of the request.
   */
  setDefaultTranscription(reply: ReplySource<TranscriptionReply, RecordedRequest>): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Stops the server, ending open and hanging requests; safe to call twice. */
  close(): Promise<void>;
  /** Same as {@link FakeOpenAI.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}
