import { APICallError, generateText, streamText } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { describe, expect, it } from 'vitest';
import { startFakeOllama } from './start-fake-ollama.js';

const chat = (baseURL: string, body: unknown) => fetch(`${baseURL}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ndjson = async (response: Response) => (await response.text()).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('fake Ollama native chat API', () => {
  it('streams newline-delimited JSON by default: pieces with done false, then done true with done_reason, counts and durations', async () => {
    await using fake = await startFakeOllama();
    fake.enqueue({ content: 'Grey skies.' });
    const response = await chat(fake.baseURL, { model: 'llama3.2', messages: [{ role: 'user', content: 'Sky?' }] });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const chunks = await ndjson(response);
    expect(chunks.slice(0, -1)).toEqual([
      { model: 'llama3.2', created_at: expect.any(String), message: { role: 'assistant', content: 'Grey' }, done: false },
      { model: 'llama3.2', created_at: expect.any(String), message: { role: 'assistant', content: ' skies.' }, done: false },
    ]);
    const last = chunks.at(-1);
    expect(last).toMatchObject({ model: 'llama3.2', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' });
    expect(Object.keys(last ?? {})).toEqual(['model', 'created_at', 'message', 'done', 'done_reason', 'total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration']);
    expect(last?.prompt_eval_count).toBeGreaterThan(0);
    expect(last?.eval_count).toBeGreaterThan(0);
  });

  it('answers one object with stream false: thinking, text and tool calls (call_ ids, index, arguments as an object)', async () => {
    await using fake = await startFakeOllama();
    fake.enqueue({ thinking: 'Look it up.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Tokyo' } }, { name: 'get_weather', arguments: { city: 'Rome' }, id: 'call_given01' }] });
    const response = await chat(fake.baseURL, { model: 'qwen3', messages: [{ role: 'user', content: 'Weather?' }], stream: false, think: true });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'qwen3',
      message: {
        role: 'assistant',
        content: '',
        thinking: 'Look it up.',
        tool_calls: [
          { id: expect.stringMatching(/^call_[a-z0-9]{8}$/), function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } },
          { id: 'call_given01', function: { index: 1, name: 'get_weather', arguments: { city: 'Rome' } } },
        ],
      },
      done: true,
      done_reason: 'stop',
    });

    // think: false turns thinking off, as Ollama does.
    fake.enqueue({ thinking: 'Hidden.', content: 'Plain.' });
    const plain = (await (await chat(fake.baseURL, { model: 'qwen3', messages: [{ role: 'user', content: 'Hi' }], stream: false, think: false })).json()) as { message: Record<string, unknown> };
    expect(plain.message).toEqual({ role: 'assistant', content: 'Plain.' });
  });

  it('errors as Ollama does: unknown model 404, missing model and body 400, unknown path 404 text; GET / says it is running', async () => {
    await using fake = await startFakeOllama({ models: ['llama3.2', 'qwen2.5:7b'] });
    const missing = await chat(fake.baseURL, { model: 'mistral', messages: [{ role: 'user', content: 'Hi' }] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'mistral' not found" });
    expect((await chat(fake.baseURL, { model: 'llama3.2:latest', messages: [{ role: 'user', content: 'Hi' }], stream: false })).status).toBe(200);
    const noModel = await chat(fake.baseURL, { messages: [] });
    expect([noModel.status, await noModel.json()]).toEqual([400, { error: 'model is required' }]);
    const noBody = await fetch(`${fake.baseURL}/chat`, { method: 'POST' });
    expect([noBody.status, await noBody.json()]).toEqual([400, { error: 'missing request body' }]);
    const unknown = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect([unknown.status, await unknown.text()]).toEqual([404, '404 page not found']);
    expect(await (await fetch(`http://${fake.host}/`)).text()).toBe('Ollama is running');
    const load = (await (await chat(fake.baseURL, { model: 'qwen2.5:7b', messages: [], stream: false })).json()) as Record<string, unknown>;
    expect(load).toMatchObject({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'load' });
  });

  it('answers the real ollama-ai-provider-v2 client, streamed and not, and records what it sent', async () => {
    await using fake = await startFakeOllama();
    const model = createOllama({ baseURL: fake.baseURL })('llama3.2');
    const { text, usage, finishReason } = await generateText({ model, system: 'Be brief.', prompt: 'Hello' });
    expect([text, finishReason]).toEqual(['echo: Hello', 'stop']);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(fake.chatRequests[0]).toMatchObject({ model: 'llama3.2', stream: false, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] });

    fake.enqueue({ thinking: 'Hmm.', content: 'Done thinking.' });
    const result = streamText({ model, prompt: 'Go', providerOptions: { ollama: { think: true } } });
    expect(await result.text).toBe('Done thinking.');
    expect(await result.reasoningText).toBe('Hmm.');
    expect(fake.chatRequests[1]).toMatchObject({ stream: true, think: true });
  });

  it('a scripted failure is { error } with its status; the client sees the status', async () => {
    await using fake = await startFakeOllama();
    fake.enqueue({ error: { status: 500 } });
    const error = await generateText({ model: createOllama({ baseURL: fake.baseURL })('llama3.2'), prompt: 'Hi', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.statusCode).toBe(500);
    expect(APICallError.isInstance(error) && error.responseBody).toBe('{"error":"an error was encountered while running the model"}');
  });
});
