import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Formats the fixtures can produce. AMR-NB comes from sox: Debian's ffmpeg has an AMR decoder but no encoder. */
export type SpeechFormat = 'wav' | 'ogg' | 'mp3' | 'amr' | 'm4a';

/** Whether this machine can encode AMR-NB (sox with libsox-fmt-all / opencore-amr). */
export async function canEncodeAmr(): Promise<boolean> {
  const { stdout } = await run('sox', ['-h']).catch(() => ({ stdout: '' }));
  return /\bamr-nb\b/.test(stdout);
}

/**
 * Speaks `text` with espeak-ng (150 words per minute, 0.3 s of silence either side, like a real
 * voice message) and encodes it: OGG/Opus 24 kbit/s as Telegram sends, MP3, AAC in M4A, AMR-NB
 * 8 kHz as old phones and some IM apps send, or plain WAV.
 */
export async function synthesizeSpeech(options: { text: string; format: SpeechFormat }): Promise<Uint8Array> {
  const directory = await mkdtemp(join(tmpdir(), 'downcity-asr-fixture-'));
  try {
    const spoken = join(directory, 'spoken.wav');
    const padded = join(directory, 'padded.wav');
    await run('espeak-ng', ['-s', '150', '-w', spoken, options.text]);
    await run('sox', [spoken, padded, 'pad', '0.3', '0.3']);
    const output = join(directory, `speech.${options.format}`);
    const ffmpeg = (codec: string[]) => run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', padded, ...codec, output]);
    switch (options.format) {
      case 'wav':
        return new Uint8Array(await readFile(padded));
      case 'ogg':
        await ffmpeg(['-c:a', 'libopus', '-b:a', '24k']);
        break;
      case 'mp3':
        await ffmpeg(['-c:a', 'libmp3lame']);
        break;
      case 'm4a':
        await ffmpeg(['-c:a', 'aac']);
        break;
      case 'amr':
        await run('sox', [padded, '-r', '8000', '-c', '1', '-t', 'amr-nb', output]);
        break;
    }
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Deterministic bytes that are not audio in any format. */
export function garbageBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = (index * 7919 + 13) % 251;
  return bytes;
}
