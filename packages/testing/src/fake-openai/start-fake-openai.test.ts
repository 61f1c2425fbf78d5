import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './start-fake-openai.js';

const compatibleModel = (baseURL: string, apiKey = 'sk-test') =>
  createOpenAICompatible({ name: 'fake', baseURL, apiKey })('gpt-4o-mini');

describe('startFakeOpenAI errors', () => {
  it('surfaces a scripted 401 as an APICallError with statusCode 401', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ error: { status: 401 } });
    const failure = await generateText({ model: compatibleModel(fake.baseURL), prompt: 'Hi' }).catch((error: unknown) => error);
    expect(APICallError.isInstance(failure)).toBe(true);
    const apiError = failure as APICallError;
    expect(apiError.statusCode).toBe(401);
    expect(apiError.isRetryable).toBe(false);
    expect(JSON.parse(apiError.responseBody ?? '')).toEqual({
      error: { message: expect.stringContaining('Incorrect API key'), type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a wrong or missing bearer token when apiKey is set', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-right-key' });
    const wrong = await generateText({ model: compatibleModel(fake.baseURL, 'sk-wrong-key'), prompt: 'Hi' }).catch(
      (error: unknown) => error,
    );
    expect((wrong as APICallError).statusCode).toBe(401);
    expect((wrong as APICallError).message).not.toContain('sk-wrong-key');
    const missing = await fetch(`${fake.baseURL}/models`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("didn't provide an API key");
    const right = await generateText({ model: compatibleModel(fake.baseURL, 'sk-right-key'), prompt: 'Hi' });
    expect(right.text).toBe('echo: Hi');
  });

  it('sends retry-after with a 429, which the SDK honours before retrying', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ error: { status: 429, retryAfterSeconds: 0.05 } }, { text: 'finally' });
    const model = createOpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test' }).chat('gpt-4o-mini');
    const startedAt = performance.now();
    const result = await generateText({ model, prompt: 'Hi', maxRetries: 1 });
    expect(result.text).toBe('finally');
    const elapsed = performance.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(1_500); // the SDK's own backoff would wait 2 s
    expect(fake.requests).toHaveLength(2);
  });

  it('answers unknown paths with 404, malformed JSON with 400, and lists models', async () => {
    await using fake = await startFakeOpenAI({ models: ['model-a', 'model-b'] });
    const notFound = await fetch(`${fake.baseURL}/nothing-here`, { method: 'POST', body: '{}' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { message: 'Invalid URL (POST /v1/nothing-here)', type: 'invalid_request_error', param: null, code: null },
    });
    const malformed = await fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain('could not parse the JSON body');
    const missingMessages = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', body: '{"model":"m"}' });
    expect(((await missingMessages.json()) as { error: { param: string } }).error.param).toBe('messages');
    const models = (await (await fetch(`${fake.baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(['model-a', 'model-b']);
  });
});

describe('startFakeOpenAI timing', () => {
  it('closes while a hanging request is open, without hanging the test', async () => {
    const fake = await startFakeOpenAI();
    fake.enqueue({ hang: true });
    const pending = generateText({ model: compatibleModel(fake.baseURL), prompt: 'Hi', maxRetries: 0 }).catch(
      (error: unknown) => error,
    );
    await waitFor(() => fake.requests.length === 1);
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
    await fake.close();
  });

  it('lets a client time out on a hanging request', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ hang: true });
    const failure = await generateText({
      model: compatibleModel(fake.baseURL),
      prompt: 'Hi',
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(50),
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toMatch(/TimeoutError|AbortError/);
  });

  it('delays a reply by delayMs and can be aborted meanwhile', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ delayMs: 60, text: 'late' }, { delayMs: 10_000, text: 'never' });
    const startedAt = performance.now();
    const late = await generateText({ model: compatibleModel(fake.baseURL), prompt: 'Hi' });
    expect(late.text).toBe('late');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(55);
    const controller = new AbortController();
    const aborted = generateText({ model: compatibleModel(fake.baseURL), prompt: 'Hi', abortSignal: controller.signal });
    await waitFor(() => fake.requests.length === 2);
    controller.abort();
    await expect(aborted).rejects.toThrow();
  });

  it('paces streamed chunks with chunkDelayMs', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueue({ text: 'a b c', chunkDelayMs: 20 });
    const arrivals: number[] = [];
    const result = streamText({ model: compatibleModel(fake.baseURL), prompt: 'Hi' });
    for await (const _delta of result.textStream) arrivals.push(performance.now());
    expect(arrivals).toHaveLength(3);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(30);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
