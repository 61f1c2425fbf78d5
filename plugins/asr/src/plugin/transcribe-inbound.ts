import type { ChatInbound } from '@downcity/chat';
import type { HandlerCall, Logger } from '@downcity/core';
import type { AsrConfig } from '../config.js';
import type { TranscriptionEngine } from '../engine/engine.js';
import { transcribeAttachment } from './transcribe-attachment.js';
import { isVoiceAttachment } from './voice-attachment.js';

/** Options for {@link createInboundTranscriber}. */
export interface InboundTranscriberOptions {
  /** The engine. */
  engine: TranscriptionEngine;
  /** The plugin config. */
  config: AsrConfig;
  /** The plugin's logger. */
  logger: Logger;
}

/**
 * Creates the `chat/inbound` pipeline handler: the first voice or audio attachment of a message
 * that has no transcript yet becomes `message.transcript` (engine, plausibility and doubt kept for
 * the model); a failure becomes a note in `message.notes`. The message is never dropped, and its
 * attachments stay as they are, so the chat service keeps the reference to the original audio.
 */
export function createInboundTranscriber(options: InboundTranscriberOptions): (value: ChatInbound, call: HandlerCall) => Promise<ChatInbound> {
  return async (value, call) => {
    const { message } = value;
    if (message.transcript !== undefined) return value;
    const voices = message.attachments.filter(isVoiceAttachment);
    const [first] = voices;
    if (first === undefined) return value;
    const outcome = await transcribeAttachment({ attachment: first, download: value.download, engine: options.engine, config: options.config, logger: options.logger, signal: call.signal });
    const notes = [...message.notes];
    if ('note' in outcome) notes.push(outcome.note);
    if (voices.length > 1) notes.push(`only the first of ${voices.length} voice messages was transcribed`);
    return { ...value, message: { ...message, notes, ...('transcript' in outcome ? { transcript: outcome.transcript } : {}) } };
  };
}
