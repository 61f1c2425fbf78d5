import { ReplyScript } from '../scripted-model/reply-script.js';
import { lastUserText, type ChatCompletionRequestBody } from './chat-completion-request.js';
import type { FakeOpenAI, FakeOpenAIOptions } from './fake-openai.js';
import type { FakeReply, TranscriptionReply } from './fake-reply.js';
import type { FakeChatRequest, FakeModelRequest, RecordedRequest } from './recorded-request.js';
import { isResponsesBody, lastResponsesUserText, type ResponsesRequestBody } from './responses-request.js';
import { startLoopbackServer } from '../fake-server/start-loopback-server.js';
import { routeRequest, type FakeServerState } from './route-request.js';
import { sendOpenAIError } from './send-json.js';

/**
 * Starts a loopback server that speaks the OpenAI HTTP API (`/v1/responses` and
 * `/v1/chat/completions`, each with and without streaming, `/v1/embeddings`, `/v1/audio/transcriptions`, `/v1/models`), so tests run the
 * real `@ai-sdk/openai` and `@ai-sdk/openai-compatible` clients against scripted answers.
 *
 * @param options - Host, port, expected API key, embedding length and listed models.
 * @returns The running server; close it with `close()` or `await using`.
 *
 * @example
 * ```ts
 * await using fake = await startFakeOpenAI();
 * fake.enqueue({ text: 'Hello there' });
 * const provider = createOpenAICompatible({ name: 'fake', baseURL: fake.baseURL, apiKey: 'test' });
 * const { text } = await generateText({ model: provider('gpt-4o-mini'), prompt: 'Hi' });
 * ```
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let responseCount = 0;
  let toolCallCount = 0;
  let itemCount = 0;
  const state: FakeServerState = {
    apiKey: options.apiKey,
    embeddingDimensions: options.embeddingDimensions ?? 64,
    models: options.models ?? ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'whisper-1'],
    requests: [],
    chatScript: new ReplyScript<FakeReply, FakeModelRequest>((request) => ({
      text: `echo: ${request.path === '/v1/responses' ? lastResponsesUserText(request.body as ResponsesRequestBody) : lastUserText(request.body as ChatCompletionRequestBody)}`,
    })),
    transcriptionScript: new ReplyScript<TranscriptionReply, RecordedRequest>(''),
    nextResponseId: () => `chatcmpl-fake-${(responseCount += 1)}`,
    nextToolCallId: () => `call_fake_${(toolCallCount += 1)}`,
    nextResponsesIds: () => ({
      response: `resp_fake_${(responseCount += 1)}`,
      item: (prefix) => `${prefix}_fake_${(itemCount += 1)}`,
      call: () => `call_fake_${(toolCallCount += 1)}`,
    }),
  };

  const server = await startLoopbackServer({
    host: options.host,
    port: options.port,
    handle: (request, response, lifetime) => routeRequest({ request, response, state, lifetime }),
    onFailure: (response, error) => sendOpenAIError(response, { status: 500, message: `Fake OpenAI server failed: ${String(error)}` }),
  });
  const close = server.close;

  return {
    baseURL: `http://${server.authority}/v1`,
    get requests() {
      return state.requests;
    },
    get chatRequests(): ChatCompletionRequestBody[] {
      return state.requests
        .filter((request): request is FakeChatRequest => request.path === '/v1/chat/completions' && isChatBody(request.body))
        .map((request) => request.body);
    },
    get responsesRequests(): ResponsesRequestBody[] {
      return state.requests.filter((request) => request.path === '/v1/responses' && isResponsesBody(request.body)).map((request) => request.body as ResponsesRequestBody);
    },
    enqueue: (...replies) => state.chatScript.enqueue(...replies),
    setDefault: (reply) => state.chatScript.setDefault(reply),
    enqueueTranscription: (...replies) => state.transcriptionScript.enqueue(...replies),
    setDefaultTranscription: (reply) => state.transcriptionScript.setDefault(reply),
    clearRequests: () => {
      state.requests.length = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function isChatBody(body: unknown): body is ChatCompletionRequestBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { messages?: unknown }).messages);
}
