import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { formatTime, oneLine, table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity tasks runs <id>`: a task's runs, newest first. */
export const tasksRunsCommand = defineCommand({
  name: 'tasks runs',
  summary: "List a task's runs, newest first",
  args: '<task id>',
  minArgs: 1,
  maxArgs: 1,
  options: { limit: { type: 'string', valueName: 'n', description: 'At most this many (default 20, at most 200)' } },
  async run(context) {
    const limit = context.options.limit === undefined ? 20 : Number(context.options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new CliError(ExitCodes.usage, `--limit must be a whole number from 1 to 200 (got "${String(context.options.limit)}").`);
    const client = await connectToAgent(context);
    const result = await client.invoke('task/runs', { taskId: context.args[0] as string, limit });
    context.output.result(result, ({ runs }) =>
      runs.length === 0
        ? [`No runs of ${context.args[0]} yet.`]
        : table([
            ['RUN', 'TRIGGER', 'STATUS', 'FINISHED', 'OUTPUT'],
            ...runs.map((run) => [run.id, run.trigger, run.status, formatTime(run.finishedAt), oneLine(run.error ? `${run.error.code}: ${run.error.message}` : (run.output ?? ''), 60)]),
          ]),
    );
  },
});
