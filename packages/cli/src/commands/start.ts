import { defineCommand } from '../cli/command.js';
import { runAgent } from '../runtime/run-agent.js';

/** `downcity start`: runs the agent in the foreground. */
export const startCommand = defineCommand({
  name: 'start',
  summary: 'Run the agent in the foreground (Ctrl-C or SIGTERM stops it gracefully)',
  details: [
    'Loads downcity.config.ts, starts every service and channel in it (the terminal channel runs only under `downcity chat`)',
    'and opens the control socket <dataDir>/control.sock that status, sessions, tasks, memory and auth talk to.',
    'On SIGINT/SIGTERM in-flight replies get agent.stopGraceMs to finish; unanswered messages are answered on the next start.',
  ],
  run: (context) => runAgent({ dir: context.cwd, io: context.io, output: context.output, mode: 'start' }),
});
