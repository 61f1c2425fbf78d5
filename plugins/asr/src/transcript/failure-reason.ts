import type { DowncityError } from '@downcity/core';
import type { AsrReason } from '../errors/asr-reasons.js';
import { formatBytes, formatDuration } from '../limits.js';

function numberDetail(error: DowncityError, key: string): number | undefined {
  const value = error.details[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * A short reason for a failed transcription that is safe to show in the chat: it says what
 * happened to the voice message without paths, hosts, keys or engine internals (those stay in
 * the error's message for the operator's logs).
 */
export function failureReason(options: { reason: AsrReason; error: DowncityError }): string {
  const { reason, error } = options;
  switch (reason) {
    case 'AUDIO_TOO_LARGE': {
      const size = numberDetail(error, 'byteLength');
      const limit = numberDetail(error, 'maxBytes');
      return size !== undefined && limit !== undefined ? `it is too large (${formatBytes(size)}; the limit is ${formatBytes(limit)})` : 'it is too large';
    }
    case 'AUDIO_TOO_LONG': {
      const duration = numberDetail(error, 'durationSeconds');
      const limit = numberDetail(error, 'maxDurationSeconds');
      return duration !== undefined && limit !== undefined ? `it is too long (${formatDuration(duration)}; the limit is ${formatDuration(limit)})` : 'it is too long';
    }
    case 'AUDIO_UNREADABLE':
      return error.details.format === 'silk' ? 'its format (SILK) is not supported' : 'the audio could not be decoded';
    case 'TIMEOUT':
      return 'transcription took too long';
    case 'ABORTED':
      return 'transcription was cancelled';
    case 'ENGINE_RATE_LIMITED':
      return 'the speech-to-text service is busy';
    case 'ENGINE_FAILED':
      return 'the speech-to-text engine failed';
    case 'BINARY_MISSING':
    case 'MODEL_MISSING':
    case 'CONFIG_INVALID':
    case 'ENGINE_AUTH':
      return 'speech-to-text is not set up correctly on this agent';
  }
}
