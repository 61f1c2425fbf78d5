import type { ChatInbound, InboundAttachment, Transcript } from '@downcity/chat';
import type { Logger } from '@downcity/core';
import type { AsrConfig } from '../config.js';
import type { TranscriptionEngine } from '../engine/engine.js';
import { transcribeAudio } from '../transcribe.js';
import { precheckAttachment } from './precheck-attachment.js';

/** What happened to one voice attachment: a transcript, or a note saying why there is none. */
export type AttachmentOutcome = { transcript: Transcript } | { note: string };

/** Options for {@link transcribeAttachment}. */
export interface TranscribeAttachmentOptions {
  /** The attachment. */
  attachment: InboundAttachment;
  /** Fetches its bytes (the chat service's `download`). */
  download: ChatInbound['download'];
  /** The engine. */
  engine: TranscriptionEngine;
  /** The plugin config (limits and timeouts). */
  config: AsrConfig;
  /** For the operator: the full reason of every failure. */
  logger: Logger;
  /** Aborted when the pipeline handler times out or the agent stops. */
  signal: AbortSignal;
}

const failed = (summary: string): { note: string } => ({ note: `voice message could not be transcribed: ${summary}` });

/**
 * Downloads and transcribes one voice attachment. Never throws: a failed download, a limit, a
 * corrupt file or an engine failure becomes a note the model sees instead of the words.
 */
export async function transcribeAttachment(options: TranscribeAttachmentOptions): Promise<AttachmentOutcome> {
  const { attachment, config, logger, signal } = options;
  const limits = { maxBytes: config.maxBytes, maxDurationSeconds: config.maxDurationSeconds };
  const early = precheckAttachment({ attachment, ...limits });
  if (early) {
    logger.info({ err: early.error, attachment: attachment.id }, 'voice message over a limit; not downloaded');
    return failed(early.summary);
  }
  let audio: Uint8Array;
  try {
    audio = await options.download(attachment, AbortSignal.any([signal, AbortSignal.timeout(config.downloadTimeoutMs)]));
  } catch (error) {
    logger.warn({ err: error, attachment: attachment.id }, 'voice message could not be downloaded');
    return failed('it could not be downloaded');
  }
  const result = await transcribeAudio({
    audio,
    engine: options.engine,
    limits,
    timeoutMs: config.timeoutMs,
    signal,
    ...(attachment.mimeType === undefined ? {} : { mimeType: attachment.mimeType }),
    ...(attachment.fileName === undefined ? {} : { fileName: attachment.fileName }),
  });
  if (result.status === 'failed') {
    logger.warn({ err: result.error, reason: result.reason, attachment: attachment.id }, 'voice message could not be transcribed');
    return failed(result.summary);
  }
  const transcript: Transcript = { text: result.text, engine: result.engine, plausible: result.plausible };
  if (result.doubt !== undefined) transcript.note = result.doubt;
  return { transcript };
}
