import { defineCommand } from '../cli/command.js';
import { formatTime, table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity tasks list`: every task and its next run. */
export const tasksListCommand = defineCommand({
  name: 'tasks list',
  summary: 'List tasks (from the config and created at runtime) with their next run',
  async run(context) {
    const client = await connectToAgent(context);
    const result = await client.invoke('task/list', {});
    context.output.result(result, ({ tasks }) =>
      tasks.length === 0
        ? ['No tasks.']
        : table([
            ['TASK', 'SCHEDULE', 'KIND', 'NEXT RUN', 'SOURCE'],
            ...tasks.map((task) => [
              !task.enabled ? `${task.id} (disabled)` : task.paused ? `${task.id} (paused)` : task.id,
              task.schedule.kind === 'cron' ? `cron ${task.schedule.expression} ${task.schedule.timeZone}` : task.schedule.kind,
              task.script ? `script ${task.script.kind === 'action' ? task.script.action : task.script.name}` : 'model',
              formatTime(task.nextRunAt),
              task.source,
            ]),
          ]),
    );
  },
});
