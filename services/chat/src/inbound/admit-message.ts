import { DowncityError, ErrorCodes, type Principal } from '@downcity/core';
import type { ChannelAdapter, InboundAttachment, InboundMessage } from '../channel/channel.js';
import type { ChatCommand } from '../commands/chat-command.js';
import { parseCommand } from '../commands/parse-command.js';
import type { ChatMessage } from '../message/chat-message.js';
import type { ChatRuntime } from '../service/chat-runtime.js';

/** The outcome of the guard and pipeline for one message. */
export type Admission =
  | { kind: 'denied'; reason: string; reply?: string }
  | { kind: 'command'; message: ChatMessage; command: ChatCommand; args: string }
  | { kind: 'message'; message: ChatMessage };

/** The message as the pipeline starts it: the channel's message with no notes. */
export const toChatMessage = (message: InboundMessage): ChatMessage => ({ ...message, notes: [] });

/** Reads an attachment's bytes: inline data first, then the channel's download. */
export function downloaderFor(adapter: ChannelAdapter): (attachment: InboundAttachment, signal?: AbortSignal) => Promise<Uint8Array> {
  return async (attachment, signal) => {
    if (attachment.dataBase64 !== undefined) return new Uint8Array(Buffer.from(attachment.dataBase64, 'base64'));
    if (!adapter.download) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `The "${adapter.id}" channel cannot download attachments (no download() in its adapter).`);
    }
    return adapter.download(attachment, signal);
  };
}

/**
 * What the sender reads when a guard failed (threw or timed out) rather than deciding: the message was refused to
 * be safe, not judged. The failure's details stay in the log; they may say more than the sender should see.
 */
export const failedCheckReply = (plugin: string | undefined): string =>
  `Your message was not accepted: a check on it${plugin ? ` (by "${plugin}")` : ''} failed, so it was refused to be safe. Try again in a moment; if it keeps happening, tell whoever runs this agent.`;

/** Keeps a pipeline's result only when it still looks like a message; otherwise the input goes on. */
function checkedMessage(result: unknown, original: ChatMessage): ChatMessage {
  if (typeof result !== 'object' || result === null) return original;
  const message = (result as { message?: unknown }).message;
  if (typeof message !== 'object' || message === null || typeof (message as ChatMessage).text !== 'string') return original;
  const candidate = message as ChatMessage;
  return Array.isArray(candidate.notes) ? candidate : { ...candidate, notes: [] };
}

/**
 * Runs the `chat/authorize` guard, then the `chat/inbound` pipeline, then looks for a registered command in
 * the (possibly normalized) text. Commands are only read from typed text, never from a transcript.
 */
export async function admitMessage(runtime: ChatRuntime, options: { message: InboundMessage; sessionId: string; principal: Principal; adapter: ChannelAdapter }): Promise<Admission> {
  const { plugins } = runtime.context;
  const { message, sessionId, principal } = options;
  const raw = parseCommand(message.text);
  const rawCommand = raw && runtime.commands.get(raw.name) ? raw : undefined;
  const verdict = await plugins.guard('chat/authorize', { message, sessionId, principal, ...(rawCommand ? { command: rawCommand } : {}) });
  if (!verdict.allow) {
    const reply = verdict.reply ?? (verdict.failed ? failedCheckReply(verdict.by) : undefined);
    return { kind: 'denied', reason: verdict.reason, ...(reply ? { reply } : {}) };
  }

  const start = toChatMessage(message);
  const chat =
    plugins.count('chat/inbound') === 0
      ? start
      : checkedMessage(await plugins.pipeline('chat/inbound', { message: start, sessionId, principal, download: downloaderFor(options.adapter) }), start);
  const parsed = parseCommand(chat.text);
  const command = parsed ? runtime.commands.get(parsed.name) : undefined;
  if (parsed && command) return { kind: 'command', message: chat, command, args: parsed.args };
  return { kind: 'message', message: chat };
}
