/**
 * Every stable error code the asr plugin raises. Codes never change meaning once released;
 * new ones may be added.
 */
export const AsrErrorCodes = {
  /** The plugin or engine configuration failed validation. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The audio is larger than `maxBytes`. */
  AUDIO_TOO_LARGE: 'AUDIO_TOO_LARGE',
  /** The audio is longer than `maxDurationSeconds`. */
  AUDIO_TOO_LONG: 'AUDIO_TOO_LONG',
  /** The audio is corrupt, empty or in a format ffmpeg cannot decode. */
  AUDIO_UNREADABLE: 'AUDIO_UNREADABLE',
  /** A program the engine runs (ffmpeg, ffprobe, pocketsphinx, sherpa-onnx) is not installed. */
  BINARY_MISSING: 'BINARY_MISSING',
  /** A model file or directory the engine needs does not exist. */
  MODEL_MISSING: 'MODEL_MISSING',
  /** The transcription endpoint rejected the credentials (HTTP 401 or 403). */
  ENGINE_AUTH: 'ENGINE_AUTH',
  /** The transcription endpoint kept rate-limiting (HTTP 429) after the allowed retries. */
  ENGINE_RATE_LIMITED: 'ENGINE_RATE_LIMITED',
  /** The engine failed for another reason (bad exit code, HTTP error, malformed response). */
  ENGINE_FAILED: 'ENGINE_FAILED',
  /** The operation ran out of time. */
  TIMEOUT: 'TIMEOUT',
  /** The caller aborted the operation. */
  ABORTED: 'ABORTED',
} as const;

/** One of {@link AsrErrorCodes}. */
export type AsrErrorCode = (typeof AsrErrorCodes)[keyof typeof AsrErrorCodes];
