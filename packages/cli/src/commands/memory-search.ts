import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { formatTime } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity memory search <words>`: recalls memories as the operator, or as one user. */
export const memorySearchCommand = defineCommand({
  name: 'memory search',
  summary: "Search long-term memory (shared memories, or also one user's with --user)",
  args: '<words...>',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  options: {
    user: { type: 'string', valueName: 'principal', description: 'Also search this user\'s memories, e.g. telegram:123456' },
    limit: { type: 'string', valueName: 'n', description: 'At most this many (default from services.memory.recallLimit, at most 50)' },
  },
  details: ['Example: downcity memory search coffee order --user telegram:123456'],
  async run(context) {
    const limit = context.options.limit === undefined ? undefined : Number(context.options.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 50)) throw new CliError(ExitCodes.usage, `--limit must be a whole number from 1 to 50 (got "${String(context.options.limit)}").`);
    const user = context.options.user;
    const client = await connectToAgent(context);
    const result = await client.invoke(
      'memory/recall',
      { query: context.args.join(' '), ...(limit === undefined ? {} : { limit }), ...(typeof user === 'string' ? {} : { scopes: ['agent' as const] }) },
      typeof user === 'string' ? { principal: { id: user } } : {},
    );
    context.output.result(result, ({ memories }) =>
      memories.length === 0
        ? ['No memories match.']
        : memories.map((memory) => `${memory.id}  [${memory.scope}] ${memory.text}  (${formatTime(memory.createdAt)}${memory.tags.length > 0 ? `, ${memory.tags.join(', ')}` : ''})`),
    );
  },
});
