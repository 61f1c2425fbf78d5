import type { ChatMessage } from '../message/chat-message.js';
import { admitMessage } from './admit-message.js';
import type { InboundJob } from './inbound-job.js';
import { principalOf } from './route.js';

/**
 * Collects the messages of the same conversation that arrived while the previous turn ran (`mergeQueued`),
 * so one turn answers them all. Each still passes the authorize guard and the inbound pipeline; merging stops
 * at the first message that is a command, is denied, or was already in progress before a restart (those run
 * in their own turn, in order).
 *
 * @returns The merged messages after the pipeline, oldest first.
 */
export async function collectFollowers(job: InboundJob): Promise<ChatMessage[]> {
  const { runtime, entry } = job;
  const lead = entry.message;
  const merged: ChatMessage[] = [];
  for (const candidate of runtime.scheduler.waiting(entry.sessionId)) {
    const message = candidate.entry.message;
    const sameConversation =
      message.channel === lead.channel && message.account === lead.account && message.chat.id === lead.chat.id && message.chat.threadId === lead.chat.threadId;
    if (!sameConversation || candidate.entry.status !== 'pending' || candidate.entry.seq !== undefined || candidate.entry.replyText !== undefined) break;
    const principal = principalOf(message);
    const admission = await admitMessage(runtime, { message, sessionId: entry.sessionId, principal, adapter: job.adapter });
    if (admission.kind !== 'message') break;
    runtime.scheduler.claim(entry.sessionId, candidate.id);
    job.followers.push(candidate);
    job.answering = admission.message;
    job.principal = principal;
    merged.push(admission.message);
  }
  return merged;
}
