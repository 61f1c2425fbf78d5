import { asrError, isAsrError } from '../errors/asr-error.js';
import { errorLine } from '../process/error-line.js';
import { runProcess } from '../process/run-process.js';
import { withTempDirectory } from '../process/with-temp-directory.js';
import { writeAudioFile } from './write-audio-file.js';

/** Options for {@link probeAudio}. */
export interface ProbeAudioOptions {
  /** The audio bytes. */
  audio: Uint8Array;
  /** The MIME type the platform reported, used as a hint. */
  mimeType?: string;
  /** The ffprobe binary (shipped with ffmpeg). Default `ffprobe` on PATH. */
  ffprobePath?: string;
  /** ffprobe is stopped after this many milliseconds. Default 15000. */
  timeoutMs?: number;
  /** Aborting stops ffprobe. */
  signal?: AbortSignal;
}

/** What ffprobe found out about an audio file. */
export interface AudioProbe {
  /** ffprobe's container name, e.g. `ogg`, `mp3`, `amr`, `wav`, `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  /** The first audio stream's codec, e.g. `opus`, `amr_nb`, `mp3`, `pcm_s16le`. */
  codecName?: string;
  /** Duration in seconds, when the container states one. */
  durationSeconds?: number;
  /** The first audio stream's sample rate in Hz. */
  sampleRate?: number;
  /** The first audio stream's channel count. */
  channels?: number;
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; sample_rate?: string; channels?: number; duration?: string }>;
}

function toNumber(value: string | undefined): number | undefined {
  const number = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Reads an audio file's container, codec and duration with ffprobe, without decoding it.
 * Used to enforce the duration limit before any expensive work.
 *
 * @throws `DowncityError` with `details.reason` `AUDIO_UNREADABLE` when ffprobe cannot parse it or it has no audio
 * stream, `BINARY_MISSING` when ffprobe is not installed, `TIMEOUT` or `ABORTED`.
 */
export async function probeAudio(options: ProbeAudioOptions): Promise<AudioProbe> {
  const ffprobePath = options.ffprobePath ?? 'ffprobe';
  if (options.audio.length === 0) throw asrError('AUDIO_UNREADABLE', 'The audio is empty (0 bytes).');
  return withTempDirectory(async (directory) => {
    const inputPath = await writeAudioFile({ directory, audio: options.audio, mimeType: options.mimeType });
    const args = ['-v', 'error', '-print_format', 'json', '-show_entries', 'format=format_name,duration:stream=codec_type,codec_name,sample_rate,channels,duration', inputPath];
    const result = await runProcess({ command: ffprobePath, args, timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal }).catch((error: unknown) => {
      throw isAsrError(error, 'BINARY_MISSING')
        ? asrError('BINARY_MISSING', `ffprobe is not installed, so audio cannot be inspected. Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or set ffprobePath.`, { cause: error, details: { command: ffprobePath } })
        : error;
    });
    if (result.exitCode !== 0) {
      const reason = errorLine({ stderr: result.stderr, hidePaths: [inputPath, directory] }) ?? `ffprobe exited with code ${String(result.exitCode)}`;
      throw asrError('AUDIO_UNREADABLE', `The audio could not be read; it may be corrupt or in an unsupported format. ffprobe said: ${reason}`, { details: { exitCode: result.exitCode } });
    }
    let parsed: FfprobeJson;
    try {
      parsed = JSON.parse(result.stdout.toString('utf8')) as FfprobeJson;
    } catch (error) {
      throw asrError('AUDIO_UNREADABLE', 'ffprobe returned output that is not JSON.', { cause: error });
    }
    const stream = parsed.streams?.find((candidate) => candidate.codec_type === 'audio');
    if (!stream) throw asrError('AUDIO_UNREADABLE', 'The file contains no audio stream.', { details: { formatName: parsed.format?.format_name } });
    return {
      formatName: parsed.format?.format_name ?? 'unknown',
      codecName: stream.codec_name,
      durationSeconds: toNumber(parsed.format?.duration) ?? toNumber(stream.duration),
      sampleRate: toNumber(stream.sample_rate),
      channels: stream.channels,
    };
  });
}
