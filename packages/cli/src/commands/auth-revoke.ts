import { defineCommand } from '../cli/command.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth revoke <principal>`: removes a principal's grant. */
export const authRevokeCommand = defineCommand({
  name: 'auth revoke',
  summary: "Revoke a principal's access (effective on its next message)",
  args: '<principal>',
  minArgs: 1,
  maxArgs: 1,
  details: ['Example: downcity auth revoke telegram:123456'],
  async run(context) {
    const client = await connectToAgent(context);
    const principalId = context.args[0] as string;
    const result = await client.invoke('auth/revoke', { principalId });
    context.output.result(result, ({ revoked, pendingRemoved }) => [
      revoked ? `Revoked ${principalId}.` : `${principalId} had no grant.${pendingRemoved ? ' Its pending pairing request was removed.' : ''}`,
    ]);
  },
});
