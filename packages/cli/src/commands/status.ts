import { defineCommand } from '../cli/command.js';
import { formatTime } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';
import { modelLabel } from '../project/describe-model.js';

/** `downcity status`: what the running agent is doing. */
export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Show the running agent: state, uptime, model, packages, channels',
  async run(context) {
    const client = await connectToAgent(context);
    context.output.result(await client.status(), (value) => [
      `${value.name}: ${value.state} (pid ${value.pid}, since ${formatTime(value.startedAt)}, up ${value.uptimeSeconds} s)`,
      `model:    ${value.model.available ? `${modelLabel(value.model)} (from ${value.model.source})` : 'none configured'}`,
      `packages: ${value.packages.map((entry) => `${entry.id}@${entry.version}`).join(', ')}`,
      `channels: ${value.channels.map((channel) => `${channel.id}${typeof channel.info.url === 'string' ? ` ${channel.info.url}` : ''}${channel.connected ? '' : ' (disconnected)'}`).join(', ') || 'none'}`,
      `data:     ${value.dataDir}`,
      ...(value.cluster
        ? [`cluster:  worker ${value.cluster.workerId} of ${value.cluster.members.length} live (${value.cluster.members.map((member) => `${member.workerId} on ${member.host} pid ${member.pid}`).join(', ')})`]
        : []),
    ]);
  },
});
