import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { formatTime } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity sessions show <id>`: a session's newest messages, oldest first. */
export const sessionsShowCommand = defineCommand({
  name: 'sessions show',
  summary: "Show a session's messages (chat or task run), oldest first",
  args: '<session id>',
  minArgs: 1,
  maxArgs: 1,
  options: { limit: { type: 'string', valueName: 'n', description: 'The newest this many messages (default 50, at most 500)' } },
  async run(context) {
    const limit = context.options.limit === undefined ? 50 : Number(context.options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(ExitCodes.usage, `--limit must be a whole number from 1 to 500 (got "${String(context.options.limit)}").`);
    const client = await connectToAgent(context);
    const result = await client.invoke('chat/history', { sessionId: context.args[0] as string, limit });
    context.output.result(result, ({ sessionId, messages }) => [
      `${sessionId}: ${messages.length} message${messages.length === 1 ? '' : 's'}`,
      ...messages.map((message) => `[${message.seq}] ${formatTime(message.createdAt)} ${message.role}: ${message.text === '' ? '(tool call or result)' : message.text}`),
    ]);
  },
});
