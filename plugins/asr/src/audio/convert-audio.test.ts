import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garbageBytes, synthesizeSpeech } from '../../test/synthesize-speech.js';
import { isAsrError } from '../errors/asr-error.js';
import { convertAudio } from './convert-audio.js';

let privateTmp: string;
const originalTmp = process.env.TMPDIR;

beforeAll(async () => {
  privateTmp = await mkdtemp(join(tmpdir(), 'convert-test-'));
  process.env.TMPDIR = privateTmp;
});
afterAll(async () => {
  process.env.TMPDIR = originalTmp;
  await rm(privateTmp, { recursive: true, force: true });
});

function readWavHeader(wav: Uint8Array) {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const text = (offset: number) => String.fromCharCode(...wav.subarray(offset, offset + 4));
  return { riff: text(0), wave: text(8), channels: view.getUint16(22, true), sampleRate: view.getUint32(24, true), bits: view.getUint16(34, true), dataBytes: view.getUint32(40, true) };
}

describe('convertAudio', () => {
  it.each(['ogg', 'mp3', 'm4a', 'wav'] as const)('turns %s into 16 kHz mono 16-bit WAV with correct sizes', async (format) => {
    const audio = await synthesizeSpeech({ text: 'hello world', format });
    const converted = await convertAudio({ audio });
    const header = readWavHeader(converted.data);
    expect(header).toMatchObject({ riff: 'RIFF', wave: 'WAVE', channels: 1, sampleRate: 16_000, bits: 16 });
    expect(header.dataBytes).toBe(converted.data.length - 44);
    expect(converted.durationSeconds).toBeGreaterThan(1);
    expect(converted.durationSeconds).toBeLessThan(3);
  });

  it('returns raw PCM when asked', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'ogg' });
    const converted = await convertAudio({ audio, output: 'pcm', sampleRate: 8000 });
    expect(converted.output).toBe('pcm');
    expect(converted.data.length).toBe(Math.round(converted.durationSeconds * 8000) * 2);
  });

  it('rejects corrupt audio with ffmpeg’s reason and no temporary path, and leaves no files behind', async () => {
    const error = await convertAudio({ audio: garbageBytes(4096), mimeType: 'audio/ogg' }).catch((caught: unknown) => caught);
    expect(isAsrError(error, 'AUDIO_UNREADABLE')).toBe(true);
    expect((error as Error).message).toMatch(/ffmpeg said: (Invalid data|End of file)/);
    expect((error as Error).message).not.toContain('downcity-asr-');
    expect(await readdir(privateTmp)).toEqual([]);
  });

  it('rejects empty input and explains SILK', async () => {
    await expect(convertAudio({ audio: new Uint8Array() })).rejects.toMatchObject({ details: { reason: 'AUDIO_UNREADABLE' } });
    const silk = new TextEncoder().encode('\u0002#!SILK_V3 rest of a QQ voice message');
    await expect(convertAudio({ audio: silk })).rejects.toThrow(/SILK/);
  });

  it('says how to install ffmpeg when it is missing', async () => {
    const audio = await synthesizeSpeech({ text: 'hello world', format: 'wav' });
    await expect(convertAudio({ audio, ffmpegPath: 'ffmpeg-not-installed' })).rejects.toMatchObject({ details: { reason: 'BINARY_MISSING' }, message: expect.stringContaining('apt-get install ffmpeg') });
  });
});
