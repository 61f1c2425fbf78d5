import { defineCommand } from '../cli/command.js';
import { formatTime, table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth token list`: the per-user HTTP tokens (never the secrets). */
export const authTokenListCommand = defineCommand({
  name: 'auth token list',
  summary: 'List the per-user HTTP tokens (ids and users, never the secrets)',
  async run(context) {
    const client = await connectToAgent(context);
    const result = await client.invoke('chat/http-token-list', {});
    context.output.result(result, ({ tokens }) =>
      tokens.length === 0
        ? ['No per-user tokens. Create one with `downcity auth token create <user>`.']
        : table([['ID', 'PRINCIPAL', 'NAME', 'CREATED'], ...tokens.map((token) => [token.id, token.principalId, token.displayName ?? '-', formatTime(token.createdAt)])]),
    );
  },
});
