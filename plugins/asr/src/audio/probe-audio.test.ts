import { describe, expect, it } from 'vitest';
import { garbageBytes, synthesizeSpeech } from '../../test/synthesize-speech.js';
import { probeAudio } from './probe-audio.js';

describe('probeAudio', () => {
  it('reads container, codec and duration of an OGG/Opus voice message', async () => {
    const audio = await synthesizeSpeech({ text: 'what is the weather', format: 'ogg' });
    const probe = await probeAudio({ audio, mimeType: 'audio/ogg' });
    expect(probe).toMatchObject({ formatName: 'ogg', codecName: 'opus', channels: 1 });
    expect(probe.durationSeconds).toBeGreaterThan(1);
    expect(probe.durationSeconds).toBeLessThan(3);
  });

  it('rejects corrupt bytes with ffprobe’s reason', async () => {
    await expect(probeAudio({ audio: garbageBytes(4096) })).rejects.toMatchObject({ details: { reason: 'AUDIO_UNREADABLE' }, message: expect.stringMatching(/ffprobe said: Invalid data/) });
  });

  it('rejects a file without an audio stream', async () => {
    const text = new TextEncoder().encode('this is a text file, not audio\n'.repeat(50));
    await expect(probeAudio({ audio: text })).rejects.toMatchObject({ details: { reason: 'AUDIO_UNREADABLE' } });
  });
});
