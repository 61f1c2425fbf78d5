import { defineCommand } from '../cli/command.js';
import { runAgent } from '../runtime/run-agent.js';

/** `downcity chat`: runs the agent with the terminal channel, to chat in this terminal. */
export const chatCommand = defineCommand({
  name: 'chat',
  summary: 'Run the agent and chat with it in this terminal',
  details: [
    'Like `downcity start`, plus the terminal channel on standard input and output. Type /help for the chat commands;',
    '/exit or the end of input (Ctrl-D) stops the agent once every message typed so far is answered.',
    'Example: echo "/help" | downcity chat',
  ],
  run: (context) => runAgent({ dir: context.cwd, io: context.io, output: context.output, mode: 'chat' }),
});
