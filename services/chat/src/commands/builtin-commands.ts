import { displayText } from '@downcity/core';
import { defineChatCommand, type ChatCommand } from './chat-command.js';

/** `/help`: lists every command. */
export const helpCommand = defineChatCommand({
  name: 'help',
  description: 'Lists the commands',
  run: ({ commands }) => ['Commands:', ...commands.map((command) => `/${command.name} - ${command.description}`)].join('\n'),
});

/** `/reset`: starts a fresh conversation; earlier messages stay stored but leave the model's context. */
export const resetCommand = defineChatCommand({
  name: 'reset',
  description: 'Starts a new conversation (earlier messages are kept but no longer used as context)',
  run: async ({ session, sessionId }) => {
    await session.reset(sessionId);
    return 'Started a new conversation. Earlier messages are kept but no longer used as context.';
  },
});

/** `/status`: the session id, message counts and whether a model is configured. */
export const statusCommand = defineChatCommand({
  name: 'status',
  description: 'Shows the session and whether a model is configured',
  run: async ({ session, sessionId }) => {
    const record = await session.get(sessionId);
    const total = record?.lastSeq ?? 0;
    const inContext = total - (record?.windowStart ?? 0);
    return [
      `Session: ${displayText(sessionId)}`,
      `Messages: ${total} stored, ${inContext} since the last /reset`,
      `Model: ${session.modelAvailable ? 'configured' : 'not configured (set model in the agent config)'}`,
    ].join('\n');
  },
});

/** The commands every chat service answers. */
export const builtinCommands: readonly ChatCommand[] = [helpCommand, resetCommand, statusCommand];
