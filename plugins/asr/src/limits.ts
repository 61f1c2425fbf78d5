import { asrError } from './errors/asr-error.js';

/** Default largest voice message: 20 MiB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** Default longest voice message: 5 minutes. */
export const DEFAULT_MAX_DURATION_SECONDS = 300;

/** Size and duration limits for one voice message. */
export interface AudioLimits {
  /** Largest audio accepted, in bytes. Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** Longest audio accepted, in seconds. Default {@link DEFAULT_MAX_DURATION_SECONDS}. */
  maxDurationSeconds?: number;
}

/** Formats a byte count for people: `512 B`, `3.4 KiB`, `25.0 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Formats seconds for people: `42 s`, `6 min 40 s`, `5 min`. */
export function formatDuration(seconds: number): string {
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  const minutes = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/**
 * Checks the audio's size before anything else touches it.
 *
 * @throws `DowncityError` with `details.reason` `AUDIO_TOO_LARGE` naming the size and the limit.
 */
export function assertAudioSize(options: { byteLength: number; maxBytes?: number }): void {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (options.byteLength > maxBytes) {
    throw asrError('AUDIO_TOO_LARGE', `The voice message is too large to transcribe (${formatBytes(options.byteLength)}; the limit is ${formatBytes(maxBytes)}). Raise maxBytes to accept larger audio.`, {
      details: { byteLength: options.byteLength, maxBytes },
    });
  }
}

/**
 * Checks the audio's duration before it is decoded or uploaded.
 *
 * @throws `DowncityError` with `details.reason` `AUDIO_TOO_LONG` naming the duration and the limit.
 */
export function assertAudioDuration(options: { durationSeconds: number; maxDurationSeconds?: number }): void {
  const maxDurationSeconds = options.maxDurationSeconds ?? DEFAULT_MAX_DURATION_SECONDS;
  if (options.durationSeconds > maxDurationSeconds) {
    throw asrError('AUDIO_TOO_LONG', `The voice message is too long to transcribe (${formatDuration(options.durationSeconds)}; the limit is ${formatDuration(maxDurationSeconds)}). Raise maxDurationSeconds to accept longer audio.`, {
      details: { durationSeconds: options.durationSeconds, maxDurationSeconds },
    });
  }
}
