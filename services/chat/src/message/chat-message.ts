import type { InboundMessage } from '../channel/channel.js';

/**
 * A speech-to-text result attached to a voice or audio message by a `chat/inbound` pipeline (the asr
 * plugin). The model is told the text was transcribed, never that the user typed it.
 */
export interface Transcript {
  /** The recognised text. */
  text: string;
  /** Which engine produced it, e.g. `pocketsphinx` or `openai:whisper-1`. */
  engine: string;
  /** Whether the engine judged the result plausible; implausible transcripts are flagged to the model. */
  plausible: boolean;
  /** Anything the model should know, e.g. `low confidence` or `first 60 s only`. */
  note?: string;
}

/** An inbound message as it moves through the chat main path: the channel's message plus what plugins added. */
export interface ChatMessage extends InboundMessage {
  /** The transcript of the voice or audio attachment, when a plugin produced one. */
  transcript?: Transcript;
  /** Notes for the model added by plugins (e.g. `image could not be downloaded`). Shown as bracketed notes. */
  notes: string[];
}
