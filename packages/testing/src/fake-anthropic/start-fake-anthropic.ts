import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequest } from '../fake-openai/read-request.js';
import type { RecordedRequest } from '../fake-openai/recorded-request.js';
import type { RequestLifetime } from '../fake-openai/request-lifetime.js';
import { startLoopbackServer } from '../fake-server/start-loopback-server.js';
import { sendJson } from '../fake-openai/send-json.js';
import { ReplyScript } from '../scripted-model/reply-script.js';
import type { ScriptedErrorSpec } from '../scripted-model/scripted-reply.js';
import { lastAnthropicUserText, toAnthropicMessage } from './anthropic-message.js';
import { writeAnthropicStream } from './anthropic-stream.js';
import type { AnthropicReply, AnthropicRequestBody, FakeAnthropic, FakeAnthropicOptions, FakeAnthropicRequest } from './fake-anthropic.js';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Writes an Anthropic error: `{ type: "error", error: { type, message } }`, with `retry-after` when set. */
function sendAnthropicError(response: ServerResponse, spec: ScriptedErrorSpec): void {
  const type = errorTypes[spec.status] ?? (spec.status >= 500 ? 'api_error' : 'invalid_request_error');
  const headers: Record<string, string> = spec.retryAfterSeconds === undefined ? {} : { 'retry-after': String(spec.retryAfterSeconds) };
  sendJson(response, spec.status, { type: 'error', error: { type, message: spec.message ?? type.replace(/_/g, ' ') } }, headers);
}

const isMessagesBody = (body: unknown): body is AnthropicRequestBody =>
  typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string' && Array.isArray((body as { messages?: unknown }).messages);

/**
 * Starts a loopback server that speaks the Anthropic Messages API (`POST /v1/messages`, with and
 * without `stream: true`), built from the API reference: `thinking` blocks with signatures,
 * `redacted_thinking`, `text` and `tool_use` blocks; the streaming events `message_start`,
 * `content_block_start`, `content_block_delta` (`thinking_delta`, `signature_delta`, `text_delta`,
 * `input_json_delta`), `content_block_stop`, `message_delta`, `message_stop`; errors as
 * `{ type: "error", error: { type, message } }`. Every request is recorded, so tests can check
 * what the real `@ai-sdk/anthropic` client sent back (e.g. a thinking block and its signature).
 *
 * @param options - Host, port and the expected `x-api-key`.
 * @returns The running server; close it with `close()` or `await using`.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  let messageCount = 0;
  let toolUseCount = 0;
  const requests: RecordedRequest[] = [];
  const script = new ReplyScript<AnthropicReply, FakeAnthropicRequest>((request) => ({
    content: [{ type: 'text', text: `echo: ${lastAnthropicUserText(request.body)}` }],
  }));

  const answer = async (request: IncomingMessage, response: ServerResponse, lifetime: RequestLifetime): Promise<void> => {
    const { recorded } = await readRequest(request);
    const apiKey = request.headers['x-api-key'];
    if (recorded.headers['x-api-key']) recorded.headers['x-api-key'] = '[redacted]';
    requests.push(recorded);
    if (options.apiKey !== undefined && apiKey !== options.apiKey) {
      sendAnthropicError(response, { status: 401, message: 'invalid x-api-key' });
      return;
    }
    if (`${recorded.method} ${recorded.path}` !== 'POST /v1/messages') {
      sendAnthropicError(response, { status: 404, message: `Not found: ${recorded.method} ${recorded.path}` });
      return;
    }
    if (!recorded.headers['anthropic-version']) {
      sendAnthropicError(response, { status: 400, message: 'anthropic-version: header is required' });
      return;
    }
    if (!isMessagesBody(recorded.body)) {
      sendAnthropicError(response, { status: 400, message: 'model: Field required; messages: Field required' });
      return;
    }
    const messagesRequest = recorded as FakeAnthropicRequest;
    const reply = script.next(messagesRequest);
    if ('error' in reply) {
      sendAnthropicError(response, reply.error);
      return;
    }
    if (!(await lifetime.sleep(reply.delayMs ?? 0))) return;
    const message = toAnthropicMessage({
      blocks: reply.content,
      body: messagesRequest.body,
      messageId: `msg_fake_${(messageCount += 1)}`,
      nextToolUseId: () => `toolu_fake_${(toolUseCount += 1)}`,
    });
    if (messagesRequest.body.stream === true) await writeAnthropicStream({ response, message, lifetime });
    else sendJson(response, 200, message, { 'request-id': `req_${message.id}` });
  };

  const server = await startLoopbackServer({
    host: options.host,
    port: options.port,
    handle: answer,
    onFailure: (response, error) => sendAnthropicError(response, { status: 500, message: `Fake Anthropic server failed: ${String(error)}` }),
  });
  const close = server.close;
  return {
    baseURL: `http://${server.authority}/v1`,
    requests,
    get messageRequests() {
      return requests.filter((request) => request.path === '/v1/messages' && isMessagesBody(request.body)).map((request) => request.body as AnthropicRequestBody);
    },
    enqueue: (...replies) => script.enqueue(...replies),
    setDefault: (reply) => script.setDefault(reply),
    close,
    [Symbol.asyncDispose]: close,
  };
}
