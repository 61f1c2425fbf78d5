import type { Invoke } from '@downcity/core';
import type { ChatCommand } from '../commands/chat-command.js';
import type { ChatMessage } from '../message/chat-message.js';
import type { InboundJob } from './inbound-job.js';

/** Runs a chat command on the sender's behalf; returns its reply ('' for none). A throw fails the message. */
export async function runCommand(job: InboundJob, command: ChatCommand, args: string, message: ChatMessage): Promise<string> {
  const { context, commands } = job.runtime;
  const { sessionId } = job.entry;
  const principal = job.principal;
  const invoke: Invoke = (name, input, options = {}) => context.invoke(name, input, { principal, sessionId, ...options });
  const reply = await command.run({
    args,
    message,
    sessionId,
    principal,
    session: context.session,
    invoke,
    commands: commands.list(),
    signal: context.signal,
  });
  return typeof reply === 'string' ? reply : '';
}
