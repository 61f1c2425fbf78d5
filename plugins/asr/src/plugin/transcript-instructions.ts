import type { InstructionsContributor } from '@downcity/core';

/** How the chat service labels a transcribed voice message in the prompt. */
const TRANSCRIPT_LABEL = '[voice message transcribed by ';

/** The system prompt addition for turns that answer a transcribed voice message. */
export const TRANSCRIPT_INSTRUCTIONS =
  'Lines starting with "[voice message transcribed by ...]:" are a speech-to-text transcript of a voice message the user recorded, not text the user typed. ' +
  'The transcript may contain recognition errors; when it is marked "possibly inaccurate" or seems garbled, say what you understood and ask the user to confirm before acting on it.';

/**
 * Adds {@link TRANSCRIPT_INSTRUCTIONS} to the system prompt when the newest user message holds a
 * transcript, so the model never takes machine-transcribed speech for typed text.
 */
export const transcriptInstructions: InstructionsContributor = (turn) => (turn.inputText.includes(TRANSCRIPT_LABEL) ? TRANSCRIPT_INSTRUCTIONS : undefined);
