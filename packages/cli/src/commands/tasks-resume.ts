import { defineCommand } from '../cli/command.js';
import { formatTime } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity tasks resume <id>`: puts a paused task back on its schedule, the next run computed from now. */
export const tasksResumeCommand = defineCommand({
  name: 'tasks resume',
  summary: 'Resume a paused task; its next run is computed from now',
  args: '<task id>',
  minArgs: 1,
  maxArgs: 1,
  async run(context) {
    const client = await connectToAgent(context);
    const taskId = context.args[0] as string;
    const result = await client.invoke('task/resume', { taskId });
    context.output.result(result, ({ changed, task }) => [`${changed ? `Resumed ${task.id}` : `${task.id} was not paused`}; next run: ${formatTime(task.nextRunAt)}.`]);
  },
});
