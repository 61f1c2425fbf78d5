import type { InboundAttachment } from '@downcity/chat';
import type { DowncityError } from '@downcity/core';
import { asrReasonOf } from '../errors/asr-error.js';
import { assertAudioDuration, assertAudioSize } from '../limits.js';
import { failureReason } from '../transcript/failure-reason.js';

/** A limit the platform's metadata already shows is exceeded, found before anything is downloaded. */
export interface PrecheckFailure {
  /** A short explanation, safe to show in the chat. */
  summary: string;
  /** The full error, for the operator's log. */
  error: DowncityError;
}

/**
 * Checks the size and duration the channel reported for an attachment (when it did) against the
 * limits, so an oversized voice message is never downloaded. Returns `undefined` when nothing is
 * known to be over a limit.
 */
export function precheckAttachment(options: { attachment: InboundAttachment; maxBytes: number; maxDurationSeconds: number }): PrecheckFailure | undefined {
  const { attachment } = options;
  try {
    if (attachment.size !== undefined) assertAudioSize({ byteLength: attachment.size, maxBytes: options.maxBytes });
    if (attachment.durationSeconds !== undefined) assertAudioDuration({ durationSeconds: attachment.durationSeconds, maxDurationSeconds: options.maxDurationSeconds });
    return undefined;
  } catch (caught) {
    const error = caught as DowncityError;
    return { summary: failureReason({ reason: asrReasonOf(error) ?? 'AUDIO_TOO_LARGE', error }), error };
  }
}
