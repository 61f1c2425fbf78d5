import { DowncityError, ErrorCodes, type NewMessage } from '@downcity/core';
import { isFinished, type InboxEntry } from '../inbox/inbox-entry.js';
import { findAppendedSeq } from '../inbox/recover.js';
import { renderUserText, userMessageMetadata } from '../message/render-user-content.js';
import type { ChatMessage } from '../message/chat-message.js';
import type { ReplySource } from '../points.js';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { openChatSession } from '../session/open-chat-session.js';
import { traceProcess } from '../telemetry/chat-spans.js';
import { admitMessage, toChatMessage } from './admit-message.js';
import { sendStoredReply, settle, storeReply } from './finish-inbound.js';
import type { InboundJob } from './inbound-job.js';
import { collectFollowers } from './merge-queued.js';
import { principalOf, routeOf } from './route.js';
import { runCommand } from './run-command.js';
import { runModelTurn } from './run-model-turn.js';
import { budgetErrorReply, budgetRefusal } from './check-budget.js';

const userMessage = (message: ChatMessage, inboxId: string): NewMessage => ({
  role: 'user',
  content: [{ type: 'text', text: renderUserText(message) }],
  metadata: userMessageMetadata(message, inboxId),
});

/** Runs the `chat/before-reply` pipeline; a handler that breaks the value leaves the text unchanged. */
async function beforeReply(job: InboundJob, text: string, source: ReplySource): Promise<string> {
  const { plugins } = job.runtime.context;
  if (plugins.count('chat/before-reply') === 0) return text;
  const draft = await plugins.pipeline('chat/before-reply', { text, source, message: job.answering, sessionId: job.entry.sessionId, principal: job.principal });
  return typeof draft?.text === 'string' ? draft.text : text;
}

/** Reloads the messages merged into an entry's turn before a restart. */
async function reloadFollowers(job: InboundJob): Promise<void> {
  for (const id of job.entry.merged ?? []) {
    const entry = job.runtime.scheduler.live(id) ?? (await job.runtime.inbox.get(id));
    if (!entry) continue;
    job.followers.push({ id, entry });
    job.answering = toChatMessage(entry.message);
    job.principal = principalOf(entry.message);
  }
}

/**
 * Records a stopped turn: the text the model had streamed in its unfinished step is stored in the session as
 * an assistant message marked `stopped` (so the conversation shows what the user saw, and the model knows what
 * it had said), then the stop notice is stored as the reply. The entry ends `stopped`: never retried.
 */
async function storeStopped(job: InboundJob, unfinishedText: string): Promise<void> {
  const { context, config } = job.runtime;
  if (unfinishedText.trim() !== '') {
    await context.session.append(job.entry.sessionId, [
      { role: 'assistant', content: [{ type: 'text', text: unfinishedText }], metadata: { inboxId: job.id, stopped: true } },
    ]);
  }
  await storeReply(job, { text: config.stoppedReply, kind: 'notice', outcome: 'stopped' });
}

/** Guard, pipeline, command or model turn, before-reply; ends with the reply stored in the inbox. */
async function prepareReply(job: InboundJob, recovered: boolean): Promise<void> {
  const { runtime, entry } = job;
  const { context, config } = runtime;
  if (entry.seq === undefined && recovered) {
    const seq = await findAppendedSeq(context.session, entry.sessionId, job.id);
    if (seq !== undefined) entry.seq = seq;
  }
  if (entry.seq === undefined) {
    const admission = await admitMessage(runtime, { message: entry.message, sessionId: entry.sessionId, principal: job.principal, adapter: job.adapter });
    if (admission.kind === 'denied') {
      return storeReply(job, { text: admission.reply ?? '', kind: 'notice', outcome: 'denied', error: { code: ErrorCodes.DENIED, message: admission.reason } });
    }
    job.answering = admission.message;
    await openChatSession(context.session, entry.sessionId, routeOf(entry.message), entry.message.chat.title, runtime.knownRoutes);
    if (admission.kind === 'command') {
      const text = await runCommand(job, admission.command, admission.args, admission.message);
      return storeReply(job, { text: await beforeReply(job, text, 'command'), kind: 'command', outcome: 'answered' });
    }
    if (!context.session.modelAvailable) {
      return storeReply(job, { text: config.noModelReply, kind: 'notice', outcome: 'failed', error: { code: ErrorCodes.MODEL_NOT_CONFIGURED, message: config.noModelReply } });
    }
    const refusal = await budgetRefusal(job);
    if (refusal) return storeReply(job, refusal);
    const merged = config.mergeQueued ? await collectFollowers(job) : [];
    const stored = await context.session.append(entry.sessionId, [
      userMessage(admission.message, job.id),
      ...merged.map((message, index) => userMessage(message, job.followers[index]?.id ?? job.id)),
    ]);
    for (const [index, follower] of job.followers.entries()) {
      Object.assign(follower.entry, { status: 'processing', mergedInto: job.id, seq: stored[index + 1]?.seq });
      await runtime.inbox.save(follower.id, follower.entry);
    }
    entry.status = 'processing';
    entry.seq = stored[0]?.seq ?? 0;
    if (job.followers.length > 0) entry.merged = job.followers.map((follower) => follower.id);
    await runtime.inbox.save(job.id, entry);
  } else if (recovered) {
    await reloadFollowers(job);
  }
  const answer = await runModelTurn(job, { recovered });
  if (answer.stopped) return storeStopped(job, answer.stopped.unfinishedText);
  const text = await beforeReply(job, answer.text, 'model');
  await storeReply(job, { text, kind: 'model', outcome: 'answered', ...(answer.streamedText !== undefined && answer.streamedText === text ? { streamed: true } : {}) });
}

const isAbort = (runtime: ChatRuntime, error: unknown): boolean =>
  runtime.context.signal.aborted || DowncityError.is(error, ErrorCodes.ABORTED);

/** Records a failure and sends the configured error notice (never the error itself). */
async function fail(job: InboundJob, error: unknown): Promise<void> {
  const { runtime, entry } = job;
  const refusal = entry.replyText === undefined ? budgetErrorReply(error) : undefined;
  if (refusal) return storeReply(job, refusal).then(() => sendStoredReply(job));
  const code = DowncityError.is(error) ? String(error.details.code ?? error.code) : ErrorCodes.INTERNAL;
  runtime.context.logger.error({ err: error, inboxId: job.id, code }, 'answering a message failed');
  runtime.hub.noteError(job.adapter, error);
  const notice = { code, message: runtime.config.errorReply };
  if (entry.replyText !== undefined) {
    // The reply was stored and sending it failed: the channel is the problem, do not send more.
    entry.error = notice;
    for (const { id, entry: merged } of [{ id: job.id, entry }, ...job.followers]) {
      merged.status = 'failed';
      await runtime.inbox.save(id, merged);
      settle(job, merged, { status: 'failed', error: notice });
    }
    return;
  }
  await storeReply(job, { text: runtime.config.errorReply, kind: 'notice', outcome: 'failed', error: notice });
  await sendStoredReply(job);
}

/** Settles an entry merged into another's turn; `false` when the link is stale and the entry runs alone. */
async function settleMerged(runtime: ChatRuntime, id: string, entry: InboxEntry): Promise<boolean> {
  const leadId = entry.mergedInto as string;
  const lead = runtime.scheduler.live(leadId) ?? (await runtime.inbox.get(leadId));
  if (!lead?.merged?.includes(id)) {
    delete entry.mergedInto;
    return false;
  }
  if (isFinished(lead) && !isFinished(entry)) {
    entry.status = lead.status;
    await runtime.inbox.save(id, entry);
  }
  return true;
}

/**
 * Answers one inbox entry. Runs inside the session's exclusive lock, so one session runs one turn at a time
 * in arrival order. Every step is recorded in the inbox before the next, so a crash at any point resumes
 * where it stopped: without a second user message, a second model call after a finished answer, or a second
 * send of a chunk. The work runs in a `chat.process` span under the `chat.receive` span that stored the entry.
 */
export async function processInbound(runtime: ChatRuntime, id: string, entry: InboxEntry, options: { recovered: boolean }): Promise<void> {
  await runtime.channelsReady;
  if (isFinished(entry) || runtime.context.signal.aborted) return;
  return traceProcess(id, entry, options.recovered, () => processUnfinished(runtime, id, entry, options));
}

async function processUnfinished(runtime: ChatRuntime, id: string, entry: InboxEntry, options: { recovered: boolean }): Promise<void> {
  if (entry.mergedInto !== undefined && (await settleMerged(runtime, id, entry))) return;
  const adapter = runtime.hub.find(entry.message.channel, entry.message.account);
  if (!adapter) {
    runtime.context.logger.warn({ inboxId: id, channel: entry.message.channel }, 'no connected channel for this message; it stays in the inbox until the channel runs again');
    return;
  }
  const job: InboundJob = { runtime, id, entry, adapter, followers: [], answering: toChatMessage(entry.message), principal: principalOf(entry.message) };
  try {
    if (entry.replyText === undefined) await prepareReply(job, options.recovered);
    else if (options.recovered) await reloadFollowers(job);
    await sendStoredReply(job);
  } catch (error) {
    if (isAbort(runtime, error)) return;
    try {
      await fail(job, error);
    } catch (failure) {
      runtime.context.logger.error({ err: failure, inboxId: id }, 'could not record or report a failure');
    }
  }
}
