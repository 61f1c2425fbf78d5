/**
 * Why a transcription failed, in more detail than core's error codes. Every asr failure is a
 * `DowncityError` with one of these in `details.reason`; reasons never change meaning once
 * released, new ones may be added.
 */
export const AsrReasons = {
  /** The plugin or engine configuration failed validation (core code `CONFIG_INVALID`). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The audio is larger than `maxBytes` (`INPUT_INVALID`). */
  AUDIO_TOO_LARGE: 'AUDIO_TOO_LARGE',
  /** The audio is longer than `maxDurationSeconds` (`INPUT_INVALID`). */
  AUDIO_TOO_LONG: 'AUDIO_TOO_LONG',
  /** The audio is corrupt, empty or in a format ffmpeg cannot decode (`INPUT_INVALID`). */
  AUDIO_UNREADABLE: 'AUDIO_UNREADABLE',
  /** A program the engine runs (ffmpeg, ffprobe, pocketsphinx, sherpa-onnx) is not installed (`CONFIG_INVALID`). */
  BINARY_MISSING: 'BINARY_MISSING',
  /** A model file or directory the engine needs does not exist (`CONFIG_INVALID`). */
  MODEL_MISSING: 'MODEL_MISSING',
  /** The transcription endpoint rejected the credentials, HTTP 401 or 403 (`MODEL_AUTH`). */
  ENGINE_AUTH: 'ENGINE_AUTH',
  /** The transcription endpoint kept rate-limiting (HTTP 429) after the allowed retries (`MODEL_RATE_LIMITED`). */
  ENGINE_RATE_LIMITED: 'ENGINE_RATE_LIMITED',
  /** The engine failed for another reason: bad exit code, HTTP error, malformed response (`MODEL_UNAVAILABLE`). */
  ENGINE_FAILED: 'ENGINE_FAILED',
  /** The operation ran out of time (`TIMEOUT`). */
  TIMEOUT: 'TIMEOUT',
  /** The caller aborted the operation (`ABORTED`). */
  ABORTED: 'ABORTED',
} as const;

/** One of {@link AsrReasons}. */
export type AsrReason = (typeof AsrReasons)[keyof typeof AsrReasons];
