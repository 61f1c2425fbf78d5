import type { DowncityError } from '@downcity/core';
import { probeAudio } from './audio/probe-audio.js';
import type { TranscriptionEngine } from './engine/engine.js';
import { asrError, asrReasonOf, isAsrError } from './errors/asr-error.js';
import type { AsrReason } from './errors/asr-reasons.js';
import { assertAudioDuration, assertAudioSize, type AudioLimits } from './limits.js';
import { assessTranscript } from './transcript/assess-transcript.js';
import { failureReason } from './transcript/failure-reason.js';

/** Options for {@link transcribeAudio}. */
export interface TranscribeAudioOptions {
  /** The voice message's bytes. */
  audio: Uint8Array;
  /** The MIME type the platform reported, if any. */
  mimeType?: string;
  /** The original file name, if any. */
  fileName?: string;
  /** Expected spoken language (ISO-639-1), when known. */
  language?: string;
  /** The engine that transcribes. */
  engine: TranscriptionEngine;
  /** Size and duration limits. Defaults: 20 MiB, 300 s. */
  limits?: AudioLimits;
  /** Inspect the audio with ffprobe first, enforcing the duration limit before any decoding or upload. Default `true`; set `false` only where ffmpeg is not installed. */
  probe?: boolean;
  /** The ffprobe binary. Default `ffprobe` on PATH. */
  ffprobePath?: string;
  /** The whole transcription is abandoned after this many milliseconds. Default 180000. */
  timeoutMs?: number;
  /** Aborting abandons the transcription. */
  signal?: AbortSignal;
}

/** A voice message that was transcribed. */
export interface TranscribedAudio {
  /** Discriminant. */
  status: 'transcribed';
  /** The transcript (may be empty when nothing was recognised; then `plausible` is false). */
  text: string;
  /** The engine that produced it. */
  engine: string;
  /** The audio's duration, when known. */
  durationSeconds?: number;
  /** The engine's confidence between 0 and 1, when reported. */
  confidence?: number;
  /** Whether the transcript looks like real speech (see `assessTranscript`). */
  plausible: boolean;
  /** When not plausible: why, in a few words, e.g. `nothing was recognised`. */
  doubt?: string;
  /** When not plausible: a note for the message, e.g. `[voice message transcript may be unreliable: nothing was recognised]`. */
  note?: string;
}

/** A voice message that could not be transcribed. */
export interface FailedTranscription {
  /** Discriminant. */
  status: 'failed';
  /** Why, stable (also in `error.details.reason`), e.g. `AUDIO_UNREADABLE`. */
  reason: AsrReason;
  /** A short explanation, safe to show in the chat, e.g. `the audio could not be decoded`. */
  summary: string;
  /** The note for the message: `[voice message could not be transcribed: <summary>]`. */
  note: string;
  /** The full error for the operator's logs (actionable message, no secrets). */
  error: DowncityError;
}

/** The outcome of {@link transcribeAudio}. */
export type TranscribeAudioResult = TranscribedAudio | FailedTranscription;

/**
 * Transcribes one voice message: checks the size limit, probes the duration and checks that
 * limit, runs the engine under a timeout, and assesses the transcript's plausibility.
 *
 * It never throws for bad audio, limits or engine failures: it returns `status: 'failed'` with a
 * note the chat service can put on the message instead of the text.
 *
 * @example
 * ```ts
 * const result = await transcribeAudio({ audio, mimeType: 'audio/ogg', engine });
 * const content = result.status === 'transcribed' ? result.text : result.note;
 * ```
 */
export async function transcribeAudio(options: TranscribeAudioOptions): Promise<TranscribeAudioResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 180_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const { audio, mimeType, engine, limits = {} } = options;
    assertAudioSize({ byteLength: audio.byteLength, maxBytes: limits.maxBytes });
    let durationSeconds: number | undefined;
    if (options.probe !== false) {
      durationSeconds = (await untilAborted(probeAudio({ audio, mimeType, ffprobePath: options.ffprobePath, signal }), signal)).durationSeconds;
      if (durationSeconds !== undefined) assertAudioDuration({ durationSeconds, maxDurationSeconds: limits.maxDurationSeconds });
    }
    const result = await untilAborted(engine.transcribe({ audio, mimeType, fileName: options.fileName, language: options.language, signal }), signal);
    durationSeconds ??= result.durationSeconds;
    const assessment = assessTranscript({ text: result.text, durationSeconds });
    return {
      status: 'transcribed',
      text: result.text,
      engine: result.engine,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(result.confidence === undefined ? {} : { confidence: result.confidence }),
      plausible: assessment.plausible,
      ...(assessment.plausible ? {} : doubtOf(assessment.reason ?? 'it looks implausible')),
    };
  } catch (caught) {
    const { error, reason } = toAsrFailure({ error: caught, engine: options.engine.name, timedOut: timeout.aborted, timeoutMs: options.timeoutMs ?? 180_000 });
    const summary = failureReason({ reason, error });
    return { status: 'failed', reason, summary, note: `[voice message could not be transcribed: ${summary}]`, error };
  }
}

function doubtOf(doubt: string): { doubt: string; note: string } {
  return { doubt, note: `[voice message transcript may be unreliable: ${doubt}]` };
}

/** Settles with `promise`, or rejects as soon as `signal` aborts, even if the work ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toAsrFailure(options: { error: unknown; engine: string; timedOut: boolean; timeoutMs: number }): { error: DowncityError; reason: AsrReason } {
  const error = toAsrError(options);
  return { error, reason: asrReasonOf(error) ?? 'ENGINE_FAILED' };
}

function toAsrError(options: { error: unknown; engine: string; timedOut: boolean; timeoutMs: number }): DowncityError {
  const { error, engine } = options;
  if (options.timedOut && !isAsrError(error, 'TIMEOUT')) {
    return asrError('TIMEOUT', `Transcription with "${engine}" did not finish within ${options.timeoutMs} ms. Raise timeoutMs or lower maxDurationSeconds.`, { cause: error });
  }
  if (isAsrError(error)) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return asrError('ABORTED', 'Transcription was aborted.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return asrError('ENGINE_FAILED', `The transcription engine "${engine}" failed: ${message}`, { cause: error, details: { engine } });
}
