import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canEncodeAmr, synthesizeSpeech } from '../../test/synthesize-speech.js';
import { createOpenAICompatibleEngine } from './openai-compatible-engine.js';

const API_KEY = 'sk-test-0123456789abcdef';
const amr = await canEncodeAmr();

interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: FormData;
  at: number;
}

type Reply = (response: ServerResponse) => void;
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (response) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** A loopback fake of `POST /v1/audio/transcriptions` that parses the real multipart body. */
const received: ReceivedRequest[] = [];
let replies: Reply[] = [];
let baseURL = '';
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers['content-type'] ?? '' } })
      .formData()
      .then((form) => {
        received.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, form, at: Date.now() });
        const reply = replies.shift() ?? json(200, { text: 'turn on the lights' });
        reply(response);
      });
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received.length = 0;
  replies = [];
});

describe('OpenAI-compatible engine against a loopback server', () => {
  it('uploads the audio as multipart with model, language and a bearer key', async () => {
    const audio = await synthesizeSpeech({ text: 'turn on the lights', format: 'ogg' });
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY, language: 'en' });
    await expect(engine.transcribe({ audio, mimeType: 'audio/ogg' })).resolves.toEqual({ text: 'turn on the lights', engine: 'openai-compatible' });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/audio/transcriptions', authorization: `Bearer ${API_KEY}` });
    const file = request?.form.get('file');
    expect(file).toBeInstanceOf(Blob);
    expect((file as File).name).toBe('audio.ogg');
    expect((file as File).type).toBe('audio/ogg');
    expect(new Uint8Array(await (file as File).arrayBuffer())).toEqual(audio);
    expect(request?.form.get('model')).toBe('whisper-1');
    expect(request?.form.get('language')).toBe('en');
    expect(request?.form.get('response_format')).toBe('json');
  });

  it.skipIf(!amr)('converts AMR, which the API does not accept, to WAV before uploading', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'amr' });
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY, model: 'whisper-large-v3' });
    await engine.transcribe({ audio, mimeType: 'audio/amr' });
    const file = received[0]?.form.get('file') as File;
    expect(file.name).toBe('audio.wav');
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 4))).toBe('RIFF');
    expect(received[0]?.form.get('model')).toBe('whisper-large-v3');
  });

  it('on 401 names the apiKey setting without echoing the key', async () => {
    replies = [json(401, { error: { message: `Incorrect API key provided: ${API_KEY}` } })];
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY });
    const error = await engine.transcribe({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ details: { reason: 'ENGINE_AUTH' }, message: expect.stringContaining('apiKey') });
    expect(JSON.stringify({ message: (error as Error).message, details: (error as { details: unknown }).details })).not.toContain(API_KEY);
    expect(received).toHaveLength(1);
  });

  it('retries a 429 after the retry-after delay, then succeeds', async () => {
    replies = [json(429, { error: { message: 'Rate limit reached' } }, { 'retry-after': '1' }), json(200, { text: 'what is the weather' })];
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY });
    const result = await engine.transcribe({ audio: await synthesizeSpeech({ text: 'what is the weather', format: 'ogg' }) });
    expect(result.text).toBe('what is the weather');
    expect(received).toHaveLength(2);
    expect((received[1]?.at ?? 0) - (received[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up after maxRetries on 5xx and redacts a key echoed by the server', async () => {
    replies = [0, 1, 2].map(() => json(503, { error: `overloaded for ${API_KEY}` }, { 'retry-after': '0' }));
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY, maxRetries: 2 });
    const error = await engine.transcribe({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ details: { reason: 'ENGINE_FAILED' }, message: expect.stringContaining('HTTP 503') });
    expect((error as Error).message).toContain('[redacted]');
    expect((error as Error).message).not.toContain(API_KEY);
    expect(received).toHaveLength(3);
  });

  it('fails at once when retry-after is longer than maxRetryDelayMs', async () => {
    replies = [json(429, { error: { message: 'slow down' } }, { 'retry-after': '120' })];
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY, maxRetryDelayMs: 5000 });
    await expect(engine.transcribe({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) })).rejects.toMatchObject({ details: { reason: 'ENGINE_RATE_LIMITED' }, message: expect.stringContaining('wait 120 s') });
    expect(received).toHaveLength(1);
  });

  it('times out a server that never answers', async () => {
    replies = [() => {}];
    const engine = createOpenAICompatibleEngine({ baseURL, apiKey: API_KEY, timeoutMs: 300 });
    await expect(engine.transcribe({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) })).rejects.toMatchObject({ details: { reason: 'TIMEOUT' } });
  });

  it('reports other 4xx with the server’s message', async () => {
    replies = [json(400, { error: { message: 'model "nope" not found' } })];
    const engine = createOpenAICompatibleEngine({ baseURL, model: 'nope' });
    await expect(engine.transcribe({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) })).rejects.toMatchObject({ details: { reason: 'ENGINE_FAILED' }, message: expect.stringContaining('model "nope" not found') });
    expect(received[0]?.authorization).toBeUndefined();
  });
});
