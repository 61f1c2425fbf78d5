import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { formatTime, table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity sessions list`: chat sessions, most recently active first. */
export const sessionsListCommand = defineCommand({
  name: 'sessions list',
  summary: 'List chat sessions, most recently active first',
  options: {
    channel: { type: 'string', valueName: 'id', description: 'Only sessions that saw this channel (e.g. telegram)' },
    limit: { type: 'string', valueName: 'n', description: 'At most this many (default 50, at most 500)' },
  },
  async run(context) {
    const limit = context.options.limit === undefined ? 50 : Number(context.options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(ExitCodes.usage, `--limit must be a whole number from 1 to 500 (got "${String(context.options.limit)}").`);
    const client = await connectToAgent(context);
    const channel = context.options.channel;
    const result = await client.invoke('chat/sessions', { limit, ...(typeof channel === 'string' ? { channel } : {}) });
    context.output.result(result, ({ sessions }) =>
      sessions.length === 0
        ? ['No chat sessions yet.']
        : table([['SESSION', 'CHANNELS', 'MESSAGES', 'UPDATED'], ...sessions.map((session) => [session.id, session.channels.join(','), String(session.messages), formatTime(session.updatedAt)])]),
    );
  },
});
