import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, transcribe } from 'ai';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './start-fake-openai.js';

const audio = new Uint8Array(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00', 'latin1'));

describe('audio transcriptions', () => {
  it('returns scripted transcripts through @ai-sdk/openai and records the upload', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueueTranscription('turn on the lights');
    const model = createOpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test' }).transcription('whisper-1');
    const result = await transcribe({ model, audio, providerOptions: { openai: { language: 'en' } } });
    expect(result.text).toBe('turn on the lights');
    const form = fake.requests[0]?.form;
    expect(form?.fields).toMatchObject({ model: 'whisper-1', language: 'en', response_format: 'verbose_json' });
    expect(form?.files).toEqual([{ field: 'file', filename: 'audio.wav', size: audio.byteLength, contentType: 'audio/wav' }]);
  });

  it('returns an empty transcript by default and fails when scripted to', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueueTranscription({ error: { status: 500 } });
    const model = createOpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test' }).transcription('whisper-1');
    const failure = await transcribe({ model, audio, maxRetries: 0 }).catch((error: unknown) => error);
    expect(APICallError.isInstance(failure) && failure.statusCode).toBe(500);
    const form = new FormData();
    form.append('file', new Blob([audio], { type: 'audio/wav' }), 'voice.wav');
    form.append('model', 'whisper-1');
    form.append('response_format', 'text');
    const response = await fetch(`${fake.baseURL}/audio/transcriptions`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('rejects an upload without a file', async () => {
    await using fake = await startFakeOpenAI();
    const form = new FormData();
    form.append('model', 'whisper-1');
    const response = await fetch(`${fake.baseURL}/audio/transcriptions`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('file');
  });
});
