import { defineCommand } from '../cli/command.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth token create <user> [--name <display name>]`: a per-user bearer token for the HTTP channel. */
export const authTokenCreateCommand = defineCommand({
  name: 'auth token create',
  summary: 'Create a per-user HTTP token: its requests speak as http:<user> (shown once)',
  args: '<user>',
  minArgs: 1,
  maxArgs: 1,
  options: { name: { type: 'string', valueName: 'display name', description: 'The display name its messages carry (not an identity)' } },
  details: [
    'The token is printed once; only its SHA-256 digest is stored. Give it to that one user, who sends',
    '"Authorization: Bearer <token>". Revoke it with `downcity auth token revoke <id>`.',
    'Example: downcity auth token create alice --name "Alice Liddell"',
  ],
  async run(context) {
    const client = await connectToAgent(context);
    const name = context.options.name;
    const result = await client.invoke('chat/http-token-create', { user: context.args[0] as string, ...(typeof name === 'string' ? { displayName: name } : {}) });
    context.output.result(result, ({ token, info }) => [
      `Created token ${info.id} for ${info.principalId}${info.displayName ? ` (${info.displayName})` : ''}.`,
      'Store it now: it is shown only this once.',
      token,
    ]);
  },
});
