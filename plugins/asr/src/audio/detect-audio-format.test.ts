import { describe, expect, it } from 'vitest';
import { detectAudioFormat } from './detect-audio-format.js';

const bytes = (text: string, ...extra: number[]) => new Uint8Array([...new TextEncoder().encode(text), ...extra]);

describe('detectAudioFormat', () => {
  it('recognises formats by their first bytes, whatever the platform claimed', () => {
    expect(detectAudioFormat({ audio: bytes('OggS\0\u0002'), mimeType: 'application/octet-stream' })?.name).toBe('ogg');
    expect(detectAudioFormat({ audio: bytes('#!AMR\n') })?.name).toBe('amr');
    expect(detectAudioFormat({ audio: bytes('#!AMR-WB\n') })?.name).toBe('amr-wb');
    expect(detectAudioFormat({ audio: bytes('RIFF\0\0\0\0WAVE') })?.name).toBe('wav');
    expect(detectAudioFormat({ audio: bytes('\0\0\0\u0020ftypM4A ') })?.name).toBe('m4a');
    expect(detectAudioFormat({ audio: bytes('\0\0\0\u0020ftyp3gp4') })?.name).toBe('3gp');
    expect(detectAudioFormat({ audio: bytes('ID3\u0004') })?.name).toBe('mp3');
    expect(detectAudioFormat({ audio: new Uint8Array([0xff, 0xfb, 0x90, 0x64]) })?.name).toBe('mp3');
    expect(detectAudioFormat({ audio: bytes('\u0002#!SILK_V3') })?.name).toBe('silk');
  });

  it('falls back to the MIME type, ignoring parameters', () => {
    expect(detectAudioFormat({ audio: new Uint8Array([1, 2, 3]), mimeType: 'audio/ogg; codecs=opus' })?.extension).toBe('ogg');
    expect(detectAudioFormat({ audio: new Uint8Array([1, 2, 3]), mimeType: 'application/octet-stream' })).toBeUndefined();
  });
});
