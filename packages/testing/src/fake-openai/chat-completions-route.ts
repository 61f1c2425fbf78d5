import type { ServerResponse } from 'node:http';
import type { ReplyScript } from '../scripted-model/reply-script.js';
import { toChatAnswer } from './chat-answer.js';
import { invalidChatParameter } from './chat-completion-request.js';
import { writeChatCompletionStream } from './chat-completion-stream.js';
import { chatCompletionObject } from './chat-completion.js';
import type { FakeReply } from './fake-reply.js';
import type { FakeChatRequest, FakeModelRequest, RecordedRequest } from './recorded-request.js';
import type { RequestLifetime } from './request-lifetime.js';
import { sendJson, sendOpenAIError } from './send-json.js';

/**
 * Answers `POST /v1/chat/completions` from the reply script, streamed or not.
 *
 * @param options - The recorded request, the response, the reply script, id generators and the request lifetime.
 */
export async function answerChatCompletion(options: {
  request: RecordedRequest;
  response: ServerResponse;
  script: ReplyScript<FakeReply, FakeModelRequest>;
  nextResponseId: () => string;
  nextToolCallId: () => string;
  lifetime: RequestLifetime;
}): Promise<void> {
  const { request, response, lifetime } = options;
  const invalid = invalidChatParameter(request.body);
  if (invalid !== undefined) {
    sendOpenAIError(response, { status: 400, message: `Missing or invalid required parameter: '${invalid}'.` }, { param: invalid });
    return;
  }
  const chatRequest = request as FakeChatRequest;
  const reply = options.script.next(chatRequest);
  if ('hang' in reply) {
    await lifetime.untilEnded();
    return;
  }
  if (!(await lifetime.sleep(reply.delayMs ?? 0))) return;
  if ('error' in reply) {
    sendOpenAIError(response, reply.error);
    return;
  }
  const answer = toChatAnswer({
    reply,
    body: chatRequest.body,
    responseId: options.nextResponseId(),
    nextToolCallId: options.nextToolCallId,
  });
  if (chatRequest.body.stream === true) {
    await writeChatCompletionStream({
      response,
      answer,
      includeUsage: chatRequest.body.stream_options?.include_usage === true,
      chunkDelayMs: reply.chunkDelayMs ?? 0,
      lifetime,
    });
    return;
  }
  sendJson(response, 200, chatCompletionObject(answer));
}
