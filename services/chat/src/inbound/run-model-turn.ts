import { findStoredAnswer } from '../inbox/recover.js';
import { startTyping } from '../reply/typing-indicator.js';
import type { InboundJob } from './inbound-job.js';
import { replyTargetOf } from './route.js';

/** The model's answer, and what of it the channel already showed live. */
export interface ModelAnswer {
  /** The final text of the turn. */
  text: string;
  /** Everything streamed to the channel, when it streamed. */
  streamedText?: string;
}

/**
 * Runs the model turn for a job whose user message(s) are stored: typing indicator while it runs, live
 * text deltas to the channel when it streams. The turn appends nothing new for the user (the input is
 * already in the session); every step is stored with `inboxId` metadata so a recovery can find a finished
 * answer instead of asking the model twice.
 */
export async function runModelTurn(job: InboundJob, options: { recovered: boolean }): Promise<ModelAnswer> {
  const { runtime, adapter, entry } = job;
  const { context, config } = runtime;
  if (options.recovered && entry.seq !== undefined) {
    const stored = await findStoredAnswer(context.session, entry.sessionId, job.id, entry.seq);
    if (stored !== undefined) return { text: stored };
  }
  const target = replyTargetOf(job.answering, config.quoteReplies);
  const stopTyping = startTyping(adapter, target, config.typingIntervalMs, context.logger);
  const stream = adapter.capabilities.streaming ? adapter.openStream?.(target) : undefined;
  let streamedText = '';
  try {
    const result = await context.session.turn(entry.sessionId, {
      principal: job.principal,
      tools: config.tools,
      metadata: { inboxId: job.id },
      ...(config.instructions === undefined ? {} : { instructions: config.instructions }),
      ...(stream
        ? {
            onTextDelta: (delta: string) => {
              streamedText += delta;
              stream.write(delta);
            },
          }
        : {}),
    });
    return stream ? { text: result.text, streamedText } : { text: result.text };
  } finally {
    stopTyping();
    stream?.end();
  }
}
