import { asrError, isAsrError } from '../errors/asr-error.js';
import { errorLine } from '../process/error-line.js';
import { runProcess } from '../process/run-process.js';
import { withTempDirectory } from '../process/with-temp-directory.js';
import { detectAudioFormat } from './detect-audio-format.js';
import { encodeWav } from './wav-header.js';
import { writeAudioFile } from './write-audio-file.js';

/** Options for {@link convertAudio}. */
export interface ConvertAudioOptions {
  /** The audio in any format ffmpeg decodes: OGG/Opus, AMR, MP3, WAV, M4A, WebM, FLAC... */
  audio: Uint8Array;
  /** The MIME type the platform reported, used when the bytes are not recognised. */
  mimeType?: string;
  /** `wav` (16-bit PCM with a RIFF header, the default) or `pcm` (raw little-endian samples). */
  output?: 'wav' | 'pcm';
  /** Output sample rate in Hz. Default 16000, what pocketsphinx and most ASR models expect. */
  sampleRate?: number;
  /** The ffmpeg binary. Default `ffmpeg` on PATH. */
  ffmpegPath?: string;
  /** ffmpeg is stopped after this many milliseconds. Default 60000. */
  timeoutMs?: number;
  /** Aborting stops ffmpeg. */
  signal?: AbortSignal;
}

/** Audio converted to mono 16-bit PCM. */
export interface ConvertedAudio {
  /** WAV file bytes or raw PCM samples, per `output`. */
  data: Uint8Array;
  /** Which of the two `data` holds. */
  output: 'wav' | 'pcm';
  /** Samples per second. */
  sampleRate: number;
  /** Always 1 (mono). */
  channels: 1;
  /** Duration computed from the decoded samples. */
  durationSeconds: number;
}

/**
 * Decodes any audio ffmpeg understands into mono 16-bit PCM at 16 kHz (by default), the input
 * speech engines expect. Runs ffmpeg on a private temporary file (M4A cannot be streamed through
 * a pipe) that is removed afterwards.
 *
 * @throws `DowncityError` with `details.reason` `AUDIO_UNREADABLE` for corrupt, silent-empty or unsupported audio (the
 * message carries ffmpeg's last error line), `BINARY_MISSING` when ffmpeg is not installed,
 * `TIMEOUT` or `ABORTED`.
 */
export async function convertAudio(options: ConvertAudioOptions): Promise<ConvertedAudio> {
  const output = options.output ?? 'wav';
  const sampleRate = options.sampleRate ?? 16_000;
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  if (options.audio.length === 0) throw asrError('AUDIO_UNREADABLE', 'The audio is empty (0 bytes).');
  const format = detectAudioFormat({ audio: options.audio, mimeType: options.mimeType });
  if (format?.name === 'silk') {
    throw asrError('AUDIO_UNREADABLE', 'The audio is in the SILK format (QQ and WeChat voice messages), which ffmpeg cannot decode. Convert it to PCM with a SILK decoder before transcription.', { details: { format: 'silk' } });
  }

  const pcm = await withTempDirectory(async (directory) => {
    const inputPath = await writeAudioFile({ directory, audio: options.audio, mimeType: options.mimeType });
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', inputPath, '-vn', '-ac', '1', '-ar', String(sampleRate), '-acodec', 'pcm_s16le', '-f', 's16le', 'pipe:1'];
    const result = await runProcess({ command: ffmpegPath, args, timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal }).catch((error: unknown) => {
      throw isAsrError(error, 'BINARY_MISSING')
        ? asrError('BINARY_MISSING', `ffmpeg is not installed, so audio cannot be converted. Install it (Debian/Ubuntu: apt-get install ffmpeg) or set ffmpegPath.`, { cause: error, details: { command: ffmpegPath } })
        : error;
    });
    if (result.exitCode !== 0) {
      const reason = errorLine({ stderr: result.stderr, hidePaths: [inputPath, directory] }) ?? `ffmpeg exited with code ${String(result.exitCode)}`;
      throw asrError('AUDIO_UNREADABLE', `The audio could not be decoded; it may be corrupt or in an unsupported format (${format?.name ?? 'unrecognised format'}). ffmpeg said: ${reason}`, { details: { format: format?.name, exitCode: result.exitCode } });
    }
    return result.stdout;
  });

  if (pcm.length < 2) throw asrError('AUDIO_UNREADABLE', 'The audio decoded to no samples; it may be corrupt or contain no audio stream.', { details: { format: format?.name } });
  const durationSeconds = pcm.length / 2 / sampleRate;
  const data = output === 'wav' ? encodeWav({ pcm, sampleRate, channels: 1 }) : new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.length);
  return { data, output, sampleRate, channels: 1, durationSeconds };
}
