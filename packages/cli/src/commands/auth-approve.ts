import { defineCommand } from '../cli/command.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth approve <code>`: grants access to the user who received a pairing code. */
export const authApproveCommand = defineCommand({
  name: 'auth approve',
  summary: 'Approve a pairing code: its user gets the pairing role',
  args: '<code>',
  minArgs: 1,
  maxArgs: 1,
  async run(context) {
    const client = await connectToAgent(context);
    const result = await client.invoke('auth/approve', { code: context.args[0] as string });
    context.output.result(result, ({ grant }) => [`Approved: ${grant.principalId}${grant.displayName ? ` (${grant.displayName})` : ''} is now a ${grant.role}.`]);
  },
});
