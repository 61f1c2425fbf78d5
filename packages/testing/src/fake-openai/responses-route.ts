import type { ServerResponse } from 'node:http';
import type { ReplyScript } from '../scripted-model/reply-script.js';
import type { FakeReply } from './fake-reply.js';
import type { FakeModelRequest, FakeResponsesRequest, RecordedRequest } from './recorded-request.js';
import type { RequestLifetime } from './request-lifetime.js';
import { toResponsesObject, type ResponsesIds } from './responses-answer.js';
import { isResponsesBody } from './responses-request.js';
import { writeResponsesStream } from './responses-stream.js';
import { sendJson, sendOpenAIError } from './send-json.js';

/**
 * Answers `POST /v1/responses` (the OpenAI Responses API) from the same reply script as chat
 * completions, streamed or not.
 *
 * @param options - The recorded request, the response, the reply script, id generators and the request lifetime.
 */
export async function answerResponses(options: {
  request: RecordedRequest;
  response: ServerResponse;
  script: ReplyScript<FakeReply, FakeModelRequest>;
  ids: () => ResponsesIds;
  lifetime: RequestLifetime;
}): Promise<void> {
  const { request, response, lifetime } = options;
  if (!isResponsesBody(request.body)) {
    sendOpenAIError(response, { status: 400, message: "Missing required parameter: 'input'." }, { param: 'input' });
    return;
  }
  const responsesRequest = request as FakeResponsesRequest;
  const reply = options.script.next(responsesRequest);
  if ('hang' in reply) {
    await lifetime.untilEnded();
    return;
  }
  if (!(await lifetime.sleep(reply.delayMs ?? 0))) return;
  if ('error' in reply) {
    sendOpenAIError(response, reply.error);
    return;
  }
  const body = toResponsesObject({ reply, body: responsesRequest.body, ids: options.ids() });
  if (responsesRequest.body.stream === true) {
    await writeResponsesStream({ response, body, chunkDelayMs: reply.chunkDelayMs ?? 0, lifetime });
    return;
  }
  sendJson(response, 200, body);
}
