import { lastUserText as lastRequestUserText, messageText, startFakeOpenAI } from '@downcity/testing';
import { describe, expect, it } from 'vitest';
import { lastUserText, systemText } from '../../test/prompt-text.js';
import { startVoiceAgent } from '../../test/start-voice-agent.js';
import { garbageBytes, synthesizeSpeech } from '../../test/synthesize-speech.js';
import { TRANSCRIPT_INSTRUCTIONS } from './transcript-instructions.js';

const grammar = '#JSGF V1.0; grammar cmd; public <cmd> = turn on the lights | turn off the lights | what is the weather | hello world;';

describe('the asr plugin in the chat flow (HTTP channel)', () => {
  it('transcribes an OGG/Opus voice message with pocketsphinx and tells the model it is a transcript of speech', async () => {
    await using voice = await startVoiceAgent({ asr: { engine: { kind: 'pocketsphinx', grammar } } });
    const audio = await synthesizeSpeech({ text: 'turn off the lights', format: 'ogg' });
    const reply = await voice.sendVoice({ audio });

    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('answered');
    const call = voice.model?.calls.at(-1);
    expect(lastUserText(call)).toBe('[voice message transcribed by pocketsphinx; speech-to-text, not typed by the user]: turn off the lights\n[voice attached voice.ogg (audio/ogg)]');
    expect(systemText(call)).toContain(TRANSCRIPT_INSTRUCTIONS);
    expect(reply.body.text).toContain('turn off the lights');

    const [user] = (await voice.agent.session.history(reply.body.sessionId ?? '')).filter((message) => message.role === 'user');
    expect(user?.metadata).toMatchObject({ transcribed: true, attachments: [{ kind: 'voice', id: 'alice:voice-1:0', mimeType: 'audio/ogg', fileName: 'voice.ogg' }] });
  });

  it('transcribes through an OpenAI-compatible endpoint and the model request carries the transcript', async () => {
    await using fake = await startFakeOpenAI({ apiKey: 'sk-test-asr' });
    fake.enqueueTranscription('hello there');
    await using voice = await startVoiceAgent({
      asr: { engine: { kind: 'openai-compatible', baseURL: fake.baseURL, apiKey: 'sk-test-asr' } },
      model: { provider: 'openai-compatible', baseURL: fake.baseURL, model: 'fake-chat', apiKey: 'sk-test-asr' },
    });
    const reply = await voice.sendVoice({ audio: await synthesizeSpeech({ text: 'hello there', format: 'ogg' }) });

    expect(reply).toMatchObject({ status: 200, body: { status: 'answered' } });
    const upload = fake.requests.find((request) => request.path === '/v1/audio/transcriptions');
    expect(upload?.form).toMatchObject({ fields: { model: 'whisper-1' }, files: [{ field: 'file', contentType: 'audio/ogg' }] });
    const request = fake.chatRequests.at(-1);
    expect(request && lastRequestUserText(request)).toContain('[voice message transcribed by openai-compatible; speech-to-text, not typed by the user]: hello there');
    expect(request?.messages.filter((message) => message.role === 'system').map(messageText).join('\n')).toContain(TRANSCRIPT_INSTRUCTIONS);
  });

  it('flags an empty transcript as possibly inaccurate instead of passing it off as what the user said', async () => {
    await using fake = await startFakeOpenAI();
    fake.enqueueTranscription('');
    await using voice = await startVoiceAgent({ asr: { engine: { kind: 'openai-compatible', baseURL: fake.baseURL } } });
    const reply = await voice.sendVoice({ audio: await synthesizeSpeech({ text: 'hello world', format: 'ogg' }) });

    expect(reply.body.status).toBe('answered');
    expect(lastUserText(voice.model?.calls.at(-1))).toMatch(/^\[voice message transcribed by openai-compatible, possibly inaccurate; nothing was recognised; speech-to-text, not typed by the user\]: \n/);
  });

  it('answers a corrupt voice message with a note for the model, not a crash', async () => {
    await using voice = await startVoiceAgent({ asr: { engine: { kind: 'pocketsphinx', grammar } } });
    const reply = await voice.sendVoice({ audio: garbageBytes(8192), text: 'listen to this' });

    expect(reply).toMatchObject({ status: 200, body: { status: 'answered' } });
    const text = lastUserText(voice.model?.calls.at(-1));
    expect(text).toBe('listen to this\n[voice attached voice.ogg (audio/ogg)]\n[note: voice message could not be transcribed: the audio could not be decoded]');
    expect(systemText(voice.model?.calls.at(-1))).not.toContain(TRANSCRIPT_INSTRUCTIONS);
  });

  it('notes a voice message over the size limit without transcribing it', async () => {
    await using fake = await startFakeOpenAI();
    await using voice = await startVoiceAgent({ asr: { engine: { kind: 'openai-compatible', baseURL: fake.baseURL }, maxBytes: 1024 } });
    const reply = await voice.sendVoice({ audio: await synthesizeSpeech({ text: 'hello world', format: 'wav' }), mimeType: 'audio/wav' });

    expect(reply.body.status).toBe('answered');
    expect(lastUserText(voice.model?.calls.at(-1))).toMatch(/\[note: voice message could not be transcribed: it is too large \([\d.]+ KiB; the limit is 1\.0 KiB\)\]$/);
    expect(fake.requests.filter((request) => request.path === '/v1/audio/transcriptions')).toHaveLength(0);
  });
});
