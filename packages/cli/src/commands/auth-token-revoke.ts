import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth token revoke <id>`: deletes a per-user HTTP token; its next request is refused. */
export const authTokenRevokeCommand = defineCommand({
  name: 'auth token revoke',
  summary: 'Revoke a per-user HTTP token (its next request gets 401)',
  args: '<id>',
  minArgs: 1,
  maxArgs: 1,
  details: ['The id is the one `downcity auth token list` shows, not the token itself.'],
  async run(context) {
    const client = await connectToAgent(context);
    const id = context.args[0] as string;
    const result = await client.invoke('chat/http-token-revoke', { id });
    context.output.result(result, ({ revoked, token }) => [revoked ? `Revoked token ${id}${token ? ` of ${token.principalId}` : ''}.` : `No token has the id ${id}.`]);
    return result.revoked ? ExitCodes.ok : ExitCodes.failure;
  },
});
