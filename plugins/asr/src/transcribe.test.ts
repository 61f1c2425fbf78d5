import { describe, expect, it } from 'vitest';
import { garbageBytes, synthesizeSpeech } from '../test/synthesize-speech.js';
import type { TranscriptionEngine } from './engine/engine.js';
import { createPocketsphinxEngine } from './engine/pocketsphinx-engine.js';
import { transcribeAudio } from './transcribe.js';

const grammar = '#JSGF V1.0; grammar cmd; public <cmd> = turn on the lights | turn off the lights | what is the weather | hello world;';
const pocketsphinx = createPocketsphinxEngine({ grammar });
const fixed = (text: string): TranscriptionEngine => ({ name: 'fixed', transcribe: async () => ({ text, engine: 'fixed' }) });

describe('transcribeAudio', () => {
  it('transcribes a voice message end to end: probe, convert, pocketsphinx, assessment', async () => {
    const audio = await synthesizeSpeech({ text: 'turn off the lights', format: 'ogg' });
    const result = await transcribeAudio({ audio, mimeType: 'audio/ogg', engine: pocketsphinx });
    expect(result).toMatchObject({ status: 'transcribed', text: 'turn off the lights', engine: 'pocketsphinx', plausible: true });
    expect(result).not.toHaveProperty('note');
  });

  it('returns a failed note for corrupt audio instead of throwing', async () => {
    const result = await transcribeAudio({ audio: garbageBytes(8192), mimeType: 'audio/ogg', engine: pocketsphinx });
    expect(result).toMatchObject({ status: 'failed', reason: 'AUDIO_UNREADABLE', note: '[voice message could not be transcribed: the audio could not be decoded]' });
    expect(result.status === 'failed' && result.error.message).toMatch(/could not be read/);
  });

  it('returns a limits note for oversized audio without touching it', async () => {
    let called = false;
    const engine: TranscriptionEngine = { name: 'spy', transcribe: async () => ((called = true), { text: 'x', engine: 'spy' }) };
    const result = await transcribeAudio({ audio: new Uint8Array(2048), engine, limits: { maxBytes: 1024 } });
    expect(result).toMatchObject({ status: 'failed', reason: 'AUDIO_TOO_LARGE', note: '[voice message could not be transcribed: it is too large (2.0 KiB; the limit is 1.0 KiB)]' });
    expect(called).toBe(false);
  });

  it('returns a limits note for audio longer than allowed', async () => {
    const audio = await synthesizeSpeech({ text: 'what is the weather', format: 'ogg' });
    const result = await transcribeAudio({ audio, engine: pocketsphinx, limits: { maxDurationSeconds: 1 } });
    expect(result).toMatchObject({ status: 'failed', reason: 'AUDIO_TOO_LONG', note: expect.stringMatching(/^\[voice message could not be transcribed: it is too long \(2 s; the limit is 1 s\)\]$/) });
  });

  it('marks an empty transcript as implausible', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    await expect(transcribeAudio({ audio, engine: fixed('  ') })).resolves.toMatchObject({
      status: 'transcribed',
      plausible: false,
      note: '[voice message transcript may be unreliable: nothing was recognised]',
    });
  });

  it('keeps engine details out of the chat note', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    const broken = createPocketsphinxEngine({ binary: '/opt/secret-place/pocketsphinx_batch' });
    const result = await transcribeAudio({ audio, engine: broken });
    expect(result).toMatchObject({ status: 'failed', reason: 'BINARY_MISSING', note: '[voice message could not be transcribed: speech-to-text is not set up correctly on this agent]' });
    expect(result.status === 'failed' && result.error.message).toContain('apt-get install pocketsphinx pocketsphinx-en-us');
  });

  it('turns a throwing custom engine into a failed result', async () => {
    const engine: TranscriptionEngine = { name: 'custom', transcribe: async () => Promise.reject(new Error('boom')) };
    const result = await transcribeAudio({ audio: new Uint8Array(10), engine, probe: false });
    expect(result).toMatchObject({ status: 'failed', reason: 'ENGINE_FAILED', error: { message: 'The transcription engine "custom" failed: boom' } });
  });

  it('times out an engine that ignores its signal', async () => {
    const engine: TranscriptionEngine = { name: 'stuck', transcribe: () => new Promise(() => {}) };
    const result = await transcribeAudio({ audio: new Uint8Array(10), engine, probe: false, timeoutMs: 100 });
    expect(result).toMatchObject({ status: 'failed', reason: 'TIMEOUT', note: '[voice message could not be transcribed: transcription took too long]' });
  });

  it('reports cancellation by the caller', async () => {
    const engine: TranscriptionEngine = { name: 'stuck', transcribe: () => new Promise(() => {}) };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(transcribeAudio({ audio: new Uint8Array(10), engine, probe: false, signal: controller.signal })).resolves.toMatchObject({ status: 'failed', reason: 'ABORTED' });
  });
});
