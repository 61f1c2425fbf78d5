import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequest } from '../fake-openai/read-request.js';
import type { RecordedRequest } from '../fake-openai/recorded-request.js';
import type { RequestLifetime } from '../fake-openai/request-lifetime.js';
import { startLoopbackServer } from '../fake-server/start-loopback-server.js';
import { sendJson } from '../fake-openai/send-json.js';
import { ReplyScript } from '../scripted-model/reply-script.js';
import type { ScriptedErrorSpec } from '../scripted-model/scripted-reply.js';
import type { FakeOllama, FakeOllamaOptions, FakeOllamaRequest, OllamaChatRequestBody, OllamaReply } from './fake-ollama.js';
import { lastOllamaUserText, ollamaChatResponse, toOllamaAnswer } from './ollama-chat-response.js';
import { writeOllamaStream } from './ollama-chat-stream.js';

const defaultMessages: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  404: 'not found',
  429: 'too many requests',
  500: 'an error was encountered while running the model',
  503: 'server busy, please try again.  maximum pending requests exceeded',
};

/** Writes an Ollama error: `{ "error": "<message>" }` with the status, and `retry-after` when set. */
function sendOllamaError(response: ServerResponse, spec: ScriptedErrorSpec): void {
  const headers: Record<string, string> = spec.retryAfterSeconds === undefined ? {} : { 'retry-after': String(spec.retryAfterSeconds) };
  sendJson(response, spec.status, { error: spec.message ?? defaultMessages[spec.status] ?? 'error' }, { 'content-type': 'application/json; charset=utf-8', ...headers });
}

/** The message of Go's JSON decoder (which Ollama's router uses) for a body that is not JSON. */
function jsonSyntaxError(text: string): string {
  const first = text.trimStart()[0];
  return first === undefined || '{["-0123456789tfn'.includes(first) ? 'unexpected EOF' : `invalid character '${first}' looking for beginning of value`;
}

/** A model name as Ollama compares it: lower case, `:latest` when no tag is given. */
const fullName = (model: string): string => (/:[^/]*$/.test(model) ? model : `${model}:latest`).toLowerCase();

const isChatBody = (body: unknown): body is OllamaChatRequestBody =>
  typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string' && (body as { model: string }).model !== '';

/**
 * Starts a loopback server that speaks Ollama's native chat API, built from Ollama's API reference:
 * `POST /api/chat` with `messages` (`system`, `user`, `assistant` with `thinking` and `tool_calls`,
 * `tool` with `tool_name` / `tool_call_id`), `tools` and `think`; by default the answer streams as
 * newline-delimited JSON (`application/x-ndjson`) whose last object has `done: true`, `done_reason`,
 * `prompt_eval_count`, `eval_count` and the durations in nanoseconds; `stream: false` answers with
 * one object. Tool calls carry `call_` ids and their arguments as an object. Errors are
 * `{ "error": "..." }`: 400 `model is required`, and with `models` set a 404
 * `model 'x' not found` for any other model (the message of Ollama's chat handler since 0.12;
 * older servers said `model "x" not found, try pulling it first`). `GET /` answers
 * `Ollama is running`; other paths get the plain 404 of Ollama's router. Every request is recorded,
 * so tests can check what the real `ollama-ai-provider-v2` client sent back.
 *
 * @param options - Host, port and the pulled models.
 * @returns The running server; close it with `close()` or `await using`.
 */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  let toolCallCount = 0;
  const models = options.models ? new Set(options.models.map(fullName)) : undefined;
  const requests: RecordedRequest[] = [];
  const script = new ReplyScript<OllamaReply, FakeOllamaRequest>((request) => ({ content: `echo: ${lastOllamaUserText(request.body)}` }));

  const answer = async (request: IncomingMessage, response: ServerResponse, lifetime: RequestLifetime): Promise<void> => {
    const started = process.hrtime.bigint();
    const elapsedNanoseconds = (): number => Number(process.hrtime.bigint() - started);
    const { recorded, malformedJson } = await readRequest(request);
    requests.push(recorded);
    const route = `${recorded.method} ${recorded.path}`;
    if (route === 'GET /' || route === 'HEAD /') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Ollama is running');
      return;
    }
    if (route !== 'POST /api/chat') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    if (recorded.body === undefined) return sendOllamaError(response, { status: 400, message: 'missing request body' });
    if (malformedJson) return sendOllamaError(response, { status: 400, message: jsonSyntaxError(String(recorded.body)) });
    if (!isChatBody(recorded.body)) return sendOllamaError(response, { status: 400, message: 'model is required' });
    const body = recorded.body;
    if (models && !models.has(fullName(body.model))) return sendOllamaError(response, { status: 404, message: `model '${body.model}' not found` });
    // No messages: Ollama only loads the model, and answers an empty message with done_reason "load".
    const loading = (body.messages ?? []).length === 0;
    const reply: OllamaReply = loading ? { content: '' } : script.next(recorded as FakeOllamaRequest);
    if ('error' in reply) return sendOllamaError(response, reply.error);
    if (!(await lifetime.sleep(reply.delayMs ?? 0))) return;
    const built = toOllamaAnswer({ reply, body, nextToolCallId: () => `call_${(toolCallCount += 1).toString(36).padStart(8, '0')}` });
    const answered = loading ? { ...built, doneReason: 'load' } : built;
    if (body.stream === false) sendJson(response, 200, ollamaChatResponse(answered, elapsedNanoseconds()), { 'content-type': 'application/json; charset=utf-8' });
    else await writeOllamaStream({ response, answer: answered, elapsedNanoseconds, lifetime });
  };

  const server = await startLoopbackServer({
    host: options.host,
    port: options.port,
    handle: answer,
    onFailure: (response, error) => sendOllamaError(response, { status: 500, message: `Fake Ollama server failed: ${String(error)}` }),
  });
  const host = server.authority;
  const close = server.close;
  return {
    baseURL: `http://${host}/api`,
    host,
    requests,
    get chatRequests() {
      return requests.filter((request) => request.method === 'POST' && request.path === '/api/chat' && isChatBody(request.body)).map((request) => request.body as OllamaChatRequestBody);
    },
    enqueue: (...replies) => script.enqueue(...replies),
    setDefault: (reply) => script.setDefault(reply),
    close,
    [Symbol.asyncDispose]: close,
  };
}
