import { defineCommand } from '../cli/command.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity tasks pause <id>`: stops a task's schedule on the live agent until `tasks resume`. */
export const tasksPauseCommand = defineCommand({
  name: 'tasks pause',
  summary: "Pause a task's schedule (kept across restarts; `tasks run` still runs it)",
  args: '<task id>',
  minArgs: 1,
  maxArgs: 1,
  details: ['Runs already in progress go on. Slots that pass while the task is paused do not run, not even after `tasks resume`.'],
  async run(context) {
    const client = await connectToAgent(context);
    const taskId = context.args[0] as string;
    const result = await client.invoke('task/pause', { taskId });
    context.output.result(result, ({ changed, task }) => [changed ? `Paused ${task.id}: its schedule will not fire until \`downcity tasks resume ${task.id}\`.` : `${task.id} was already paused (since ${task.paused?.at ?? '?'}).`]);
  },
});
