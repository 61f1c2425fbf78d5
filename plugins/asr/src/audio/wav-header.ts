/** Options for {@link encodeWav}. */
export interface EncodeWavOptions {
  /** Little-endian signed 16-bit PCM samples. */
  pcm: Uint8Array;
  /** Samples per second. */
  sampleRate: number;
  /** Interleaved channels. */
  channels: number;
}

/**
 * Wraps 16-bit little-endian PCM in a canonical 44-byte RIFF/WAVE header with correct sizes
 * (ffmpeg cannot fill in sizes when it writes WAV to a pipe, and some decoders reject that).
 */
export function encodeWav(options: EncodeWavOptions): Uint8Array {
  const { pcm, sampleRate, channels } = options;
  const bytesPerSample = 2;
  const wav = new Uint8Array(44 + pcm.length);
  const view = new DataView(wav.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let index = 0; index < text.length; index += 1) view.setUint8(offset + index, text.charCodeAt(index));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + pcm.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, 8 * bytesPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, pcm.length, true);
  wav.set(pcm, 44);
  return wav;
}
