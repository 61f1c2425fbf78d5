import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReplyScript } from '../scripted-model/reply-script.js';
import { answerChatCompletion } from './chat-completions-route.js';
import { checkApiKey } from './check-api-key.js';
import { answerEmbeddings } from './embeddings-route.js';
import type { FakeReply, TranscriptionReply } from './fake-reply.js';
import { readRequest } from './read-request.js';
import type { FakeModelRequest, RecordedRequest } from './recorded-request.js';
import type { ResponsesIds } from './responses-answer.js';
import { answerResponses } from './responses-route.js';
import type { RequestLifetime } from './request-lifetime.js';
import { sendJson, sendOpenAIError } from './send-json.js';
import { answerTranscription } from './transcriptions-route.js';

/**
 * What the router needs from the running server.
 */
export interface FakeServerState {
  /** Expected bearer token, if any. */
  apiKey: string | undefined;
  /** Default embedding length. */
  embeddingDimensions: number;
  /** Ids listed by `GET /v1/models`. */
  models: string[];
  /** Recorded requests (appended to). */
  requests: RecordedRequest[];
  /** Chat completion and Responses API replies. */
  chatScript: ReplyScript<FakeReply, FakeModelRequest>;
  /** Transcription replies. */
  transcriptionScript: ReplyScript<TranscriptionReply, RecordedRequest>;
  /** Next `chatcmpl-...` id. */
  nextResponseId: () => string;
  /** Next `call_...` id. */
  nextToolCallId: () => string;
  /** Ids for the next Responses API answer. */
  nextResponsesIds: () => ResponsesIds;
}

/**
 * Reads, records, authenticates and answers one request.
 *
 * @param options - The request, the response, the server state and the request lifetime.
 */
export async function routeRequest(options: {
  request: IncomingMessage;
  response: ServerResponse;
  state: FakeServerState;
  lifetime: RequestLifetime;
}): Promise<void> {
  const { request, response, state, lifetime } = options;
  const { recorded, malformedJson } = await readRequest(request);
  state.requests.push(recorded);
  if (!checkApiKey({ request, response, apiKey: state.apiKey })) return;
  if (malformedJson) {
    sendOpenAIError(response, {
      status: 400,
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    });
    return;
  }
  const route = `${recorded.method} ${recorded.path}`;
  if (route === 'POST /v1/chat/completions') {
    await answerChatCompletion({
      request: recorded,
      response,
      script: state.chatScript,
      nextResponseId: state.nextResponseId,
      nextToolCallId: state.nextToolCallId,
      lifetime,
    });
  } else if (route === 'POST /v1/responses') {
    await answerResponses({ request: recorded, response, script: state.chatScript, ids: state.nextResponsesIds, lifetime });
  } else if (route === 'POST /v1/embeddings') {
    answerEmbeddings({ request: recorded, response, defaultDimensions: state.embeddingDimensions });
  } else if (route === 'POST /v1/audio/transcriptions') {
    answerTranscription({ request: recorded, response, script: state.transcriptionScript });
  } else if (route === 'GET /v1/models') {
    sendJson(response, 200, {
      object: 'list',
      data: state.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-openai' })),
    });
  } else {
    sendOpenAIError(response, { status: 404, message: `Invalid URL (${route})` }, { code: null });
  }
}
