import { describe, expect, it } from 'vitest';
import { canEncodeAmr, synthesizeSpeech, type SpeechFormat } from '../../test/synthesize-speech.js';
import { createPocketsphinxEngine } from './pocketsphinx-engine.js';

const grammar = '#JSGF V1.0; grammar cmd; public <cmd> = turn on the lights | turn off the lights | what is the weather | hello world;';
const amr = await canEncodeAmr();

describe('pocketsphinx engine (real pocketsphinx_batch, espeak-ng speech)', () => {
  const engine = createPocketsphinxEngine({ grammar });

  const cases: Array<[SpeechFormat, string]> = [
    ['ogg', 'turn on the lights'],
    ['ogg', 'what is the weather'],
    ['mp3', 'turn off the lights'],
    ['mp3', 'hello world'],
    ['m4a', 'what is the weather'],
    ['wav', 'turn off the lights'],
  ];
  it.each(cases)('recognises %s audio saying "%s"', async (format, phrase) => {
    const audio = await synthesizeSpeech({ text: phrase, format });
    const result = await engine.transcribe({ audio });
    expect(result).toMatchObject({ text: phrase, engine: 'pocketsphinx' });
    expect(result.durationSeconds).toBeGreaterThan(1);
  });

  // AMR-NB at 4.75 kbit/s is 8 kHz narrowband: "turn off" loses its /f/ and comes back as
  // "turn on", so the AMR cases use phrases that stay distinct after the codec.
  it.skipIf(!amr).each(['what is the weather', 'hello world'])('recognises AMR-NB audio (encoded by sox) saying "%s"', async (phrase) => {
    const audio = await synthesizeSpeech({ text: phrase, format: 'amr' });
    await expect(engine.transcribe({ audio, mimeType: 'audio/amr' })).resolves.toMatchObject({ text: phrase });
  });

  it('says which packages to install when the binary is missing', async () => {
    const missing = createPocketsphinxEngine({ grammar, binary: 'pocketsphinx_not_installed' });
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    await expect(missing.transcribe({ audio })).rejects.toMatchObject({ details: { reason: 'BINARY_MISSING' }, message: expect.stringContaining('apt-get install pocketsphinx pocketsphinx-en-us') });
  });

  it('names the config key of a missing model directory', async () => {
    const broken = createPocketsphinxEngine({ grammar, hmm: '/nonexistent/en-us' });
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    await expect(broken.transcribe({ audio })).rejects.toMatchObject({ details: { reason: 'MODEL_MISSING' }, message: expect.stringContaining('engine.hmm') });
  });

  it('rejects a grammar with words the dictionary lacks, naming engine.grammar', async () => {
    const broken = createPocketsphinxEngine({ grammar: '#JSGF V1.0; grammar cmd; public <cmd> = flibbertigibbet now;' });
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    const error = await broken.transcribe({ audio }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ details: { reason: 'CONFIG_INVALID' }, message: expect.stringContaining('engine.grammar') });
    expect((error as Error).message).toContain("'flibbertigibbet' is missing in the dictionary");
    expect((error as Error).message).not.toContain('downcity-asr-');
  });

  it('stops when aborted', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'ogg' });
    await expect(engine.transcribe({ audio, signal: AbortSignal.abort() })).rejects.toMatchObject({ details: { reason: 'ABORTED' } });
  });
});
