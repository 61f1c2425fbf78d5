import { describe, expect, it } from 'vitest';
import { assertAudioDuration, assertAudioSize, DEFAULT_MAX_BYTES, formatBytes, formatDuration } from './limits.js';

describe('limits', () => {
  it('allows audio within the limits', () => {
    expect(() => assertAudioSize({ byteLength: DEFAULT_MAX_BYTES })).not.toThrow();
    expect(() => assertAudioDuration({ durationSeconds: 300 })).not.toThrow();
  });

  it('rejects oversized audio naming size, limit and setting', () => {
    expect(() => assertAudioSize({ byteLength: 25 * 1024 * 1024 })).toThrow('The voice message is too large to transcribe (25.0 MiB; the limit is 20.0 MiB). Raise maxBytes');
  });

  it('rejects long audio naming duration, limit and setting', () => {
    expect(() => assertAudioDuration({ durationSeconds: 400, maxDurationSeconds: 300 })).toThrow('(6 min 40 s; the limit is 5 min). Raise maxDurationSeconds');
  });

  it('formats sizes and durations for people', () => {
    expect([formatBytes(512), formatBytes(3500), formatBytes(5 * 1024 * 1024)]).toEqual(['512 B', '3.4 KiB', '5.0 MiB']);
    expect([formatDuration(42.4), formatDuration(60), formatDuration(61)]).toEqual(['42 s', '1 min', '1 min 1 s']);
  });
});
