import type { TurnStep } from '@downcity/core';
import type { ReplyStream } from '../channel/channel.js';
import { findStoredAnswer } from '../inbox/recover.js';
import { replyStepOf } from '../reply/reply-step.js';
import { startTyping } from '../reply/typing-indicator.js';
import type { InboundJob } from './inbound-job.js';
import { replyTargetOf } from './route.js';

/** The model's answer, and what of it the channel already showed live. */
export interface ModelAnswer {
  /** The final text of the turn ('' when stopped). */
  text: string;
  /** Everything streamed to the channel, when it streamed. */
  streamedText?: string;
  /**
   * Set when the turn was stopped (`/stop`, `chat/stop`): the text the model had streamed in the step it was
   * writing when stopped, not stored yet ('' when nothing, or when the channel does not stream). Finished
   * steps are stored already.
   */
  stopped?: { unfinishedText: string };
}

/** Passes each stored step to the channel's stream; a stream that throws is logged, never breaks the turn. */
function showStep(job: InboundJob, stream: ReplyStream, step: TurnStep): void {
  try {
    stream.step?.(replyStepOf(step));
  } catch (error) {
    job.runtime.context.logger.warn({ err: error, channel: job.adapter.id }, 'channel stream step() threw');
  }
}

/**
 * Runs the model turn for a job whose user message(s) are stored: typing indicator while it runs, live
 * text deltas and finished steps (tool calls and results) to the channel when it streams. The turn appends
 * nothing new for the user (the input is already in the session); every step is stored with `inboxId`
 * metadata so a recovery can find a finished answer instead of asking the model twice. The turn is listed in
 * `runtime.turns` while it runs, so `/stop` and `chat/stop` can abort it.
 */
export async function runModelTurn(job: InboundJob, options: { recovered: boolean }): Promise<ModelAnswer> {
  const { runtime, adapter, entry } = job;
  const { context, config } = runtime;
  if (options.recovered && entry.seq !== undefined) {
    const stored = await findStoredAnswer(context.session, entry.sessionId, job.id, entry.seq);
    if (stored?.stopped) return { text: '', stopped: { unfinishedText: '' } };
    if (stored !== undefined) return { text: stored.text };
  }
  const target = replyTargetOf(job.answering, config.quoteReplies);
  const stopTyping = startTyping(adapter, target, config.typingIntervalMs, context.logger);
  const stream = adapter.capabilities.streaming ? adapter.openStream?.(target) : undefined;
  const running = runtime.turns.begin({ sessionId: entry.sessionId, inboxId: job.id, principalId: job.principal.id });
  let streamedText = '';
  let unfinishedText = '';
  try {
    const result = await context.session.turn(entry.sessionId, {
      principal: job.principal,
      tools: config.tools,
      metadata: { inboxId: job.id },
      signal: running.turn.signal,
      ...(config.instructions === undefined ? {} : { instructions: config.instructions }),
      ...(stream
        ? {
            onTextDelta: (delta: string) => {
              streamedText += delta;
              unfinishedText += delta;
              stream.write(delta);
            },
            onStep: (step: TurnStep) => {
              unfinishedText = '';
              showStep(job, stream, step);
            },
          }
        : {}),
    });
    return stream ? { text: result.text, streamedText } : { text: result.text };
  } catch (error) {
    if (running.turn.stoppedBy !== undefined) return { text: '', stopped: { unfinishedText } };
    throw error;
  } finally {
    running.finish();
    stopTyping();
    stream?.end();
  }
}
