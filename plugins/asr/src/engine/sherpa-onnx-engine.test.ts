import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeSpeech } from '../../test/synthesize-speech.js';
import { SherpaOnnxEngineConfigSchema } from '../config.js';
import { buildSherpaOnnxArguments, parseSherpaOnnxOutput } from './sherpa-onnx-arguments.js';
import { createSherpaOnnxEngine } from './sherpa-onnx-engine.js';

let directory: string;
let model: { tokens: string; encoder: string; decoder: string; joiner: string };

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sherpa-test-'));
  model = { tokens: join(directory, 'tokens.txt'), encoder: join(directory, 'encoder.onnx'), decoder: join(directory, 'decoder.onnx'), joiner: join(directory, 'joiner.onnx') };
  for (const file of Object.values(model)) await writeFile(file, 'placeholder');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const config = (input: unknown) => SherpaOnnxEngineConfigSchema.parse(input);

describe('sherpa-onnx arguments', () => {
  it('builds argv for each model family', () => {
    const base = { kind: 'sherpa-onnx', tokens: '/m/tokens.txt' };
    expect(buildSherpaOnnxArguments({ config: config({ ...base, model: { type: 'transducer', encoder: '/m/e.onnx', decoder: '/m/d.onnx', joiner: '/m/j.onnx' } }), audioPath: '/t/a.wav' })).toEqual([
      '--tokens=/m/tokens.txt', '--num-threads=2', '--encoder=/m/e.onnx', '--decoder=/m/d.onnx', '--joiner=/m/j.onnx', '--decoding-method=greedy_search', '/t/a.wav',
    ]);
    expect(buildSherpaOnnxArguments({ config: config({ ...base, numThreads: 4, model: { type: 'whisper', encoder: '/m/e.onnx', decoder: '/m/d.onnx' } }), audioPath: '/t/a.wav', language: 'de' })).toEqual([
      '--tokens=/m/tokens.txt', '--num-threads=4', '--whisper-encoder=/m/e.onnx', '--whisper-decoder=/m/d.onnx', '--whisper-task=transcribe', '--whisper-language=de', '/t/a.wav',
    ]);
    expect(buildSherpaOnnxArguments({ config: config({ ...base, model: { type: 'sense-voice', model: '/m/sv.onnx' } }), audioPath: '/t/a.wav' })).toContain('--sense-voice-use-itn=true');
    expect(buildSherpaOnnxArguments({ config: config({ ...base, model: { type: 'paraformer', model: '/m/p.onnx' } }), audioPath: '/t/a.wav' })).toContain('--paraformer=/m/p.onnx');
    expect(buildSherpaOnnxArguments({ config: config({ ...base, model: { type: 'nemo-ctc', model: '/m/n.onnx' } }), audioPath: '/t/a.wav' })).toContain('--nemo-ctc-model=/m/n.onnx');
  });

  it('parses the result JSON line sherpa-onnx-offline prints to stderr', () => {
    const stderr = ['OfflineRecognizerConfig(...)', 'Creating recognizer ...', 'Started', 'Done!', '', '/tmp/x/audio.wav', '{"lang": "", "emotion": "", "event": "", "text": " HELLO WORLD", "timestamps": [0.32, 0.60], "tokens":[" HE", "LLO", " WORLD"], "words": []}', '----', 'num threads: 2'].join('\n');
    expect(parseSherpaOnnxOutput(stderr)).toBe('HELLO WORLD');
    expect(parseSherpaOnnxOutput('Errors in config!')).toBeUndefined();
  });
});

describe('sherpa-onnx engine', () => {
  it('names the config key of a missing model file', async () => {
    const engine = createSherpaOnnxEngine({ tokens: model.tokens, model: { type: 'transducer', encoder: join(directory, 'missing-encoder.onnx'), decoder: model.decoder, joiner: model.joiner } });
    await expect(engine.transcribe({ audio: new Uint8Array([1]) })).rejects.toMatchObject({ details: { reason: 'MODEL_MISSING' }, message: expect.stringContaining('`engine.model.encoder`') });
    const noTokens = createSherpaOnnxEngine({ tokens: join(directory, 'nope.txt'), model: { type: 'whisper', encoder: model.encoder, decoder: model.decoder } });
    await expect(noTokens.transcribe({ audio: new Uint8Array([1]) })).rejects.toMatchObject({ details: { reason: 'MODEL_MISSING' }, message: expect.stringContaining('`engine.tokens`') });
  });

  it('names engine.binary when the binary is missing', async () => {
    const engine = createSherpaOnnxEngine({ binary: join(directory, 'sherpa-onnx-offline'), tokens: model.tokens, model: { type: 'transducer', encoder: model.encoder, decoder: model.decoder, joiner: model.joiner } });
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    await expect(engine.transcribe({ audio })).rejects.toMatchObject({ details: { reason: 'BINARY_MISSING' }, message: expect.stringContaining('`engine.binary`') });
  });

  it('runs the binary with a 16 kHz WAV and reads its transcript', async () => {
    const argsFile = join(directory, 'args.txt');
    const binary = join(directory, 'fake-sherpa-onnx-offline');
    // Stands in for the real binary: records its argv and prints output in sherpa-onnx-offline's format.
    await writeFile(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nfor last; do :; done\nhead -c 4 "$last" >> '${argsFile}'\necho "Started" >&2\necho "$last" >&2\necho '{"lang": "", "text": " TURN ON THE LIGHTS", "timestamps": []}' >&2\necho '----' >&2\n`);
    await chmod(binary, 0o755);
    const engine = createSherpaOnnxEngine({ binary, tokens: model.tokens, model: { type: 'transducer', encoder: model.encoder, decoder: model.decoder, joiner: model.joiner } });
    const result = await engine.transcribe({ audio: await synthesizeSpeech({ text: 'turn on the lights', format: 'ogg' }) });
    expect(result).toMatchObject({ text: 'TURN ON THE LIGHTS', engine: 'sherpa-onnx' });
    const args = (await readFile(argsFile, 'utf8')).split('\n');
    expect(args).toEqual(expect.arrayContaining([`--tokens=${model.tokens}`, `--encoder=${model.encoder}`, `--joiner=${model.joiner}`]));
    expect(args.at(-1)).toBe('RIFF');
  });

  it('rejects a config without model files, naming the key', () => {
    expect(() => createSherpaOnnxEngine({ tokens: model.tokens, model: { type: 'whisper', encoder: model.encoder } as never })).toThrow(/engine\.model\.decoder/);
  });
});
