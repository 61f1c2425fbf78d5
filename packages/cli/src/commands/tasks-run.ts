import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity tasks run <id>`: runs a task now on the live agent. */
export const tasksRunCommand = defineCommand({
  name: 'tasks run',
  summary: 'Run a task now and wait for its result',
  args: '<task id>',
  minArgs: 1,
  maxArgs: 1,
  options: { 'no-wait': { type: 'boolean', description: 'Queue the run and return at once' } },
  async run(context) {
    const client = await connectToAgent(context);
    const wait = context.options['no-wait'] !== true;
    const { run } = await context.output.step(`Running task ${context.args[0]}`, () => client.invoke('task/run', { taskId: context.args[0] as string, wait }));
    context.output.result({ run }, () => [
      `run ${run.id}: ${run.status}${run.error ? ` (${run.error.code}: ${run.error.message})` : ''}`,
      ...(run.output === undefined ? [] : [`output: ${run.output}`]),
      `session: ${run.sessionId}`,
    ]);
    return wait && run.status !== 'succeeded' ? ExitCodes.failure : ExitCodes.ok;
  },
});
