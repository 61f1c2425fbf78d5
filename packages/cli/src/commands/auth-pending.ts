import { defineCommand } from '../cli/command.js';
import { formatTime, table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity auth pending`: pairing codes waiting for the owner's approval. */
export const authPendingCommand = defineCommand({
  name: 'auth pending',
  summary: 'List pairing codes waiting for approval',
  async run(context) {
    const client = await connectToAgent(context);
    const result = await client.invoke('auth/pending', {});
    context.output.result(result, ({ pending }) =>
      pending.length === 0
        ? ['No pairing requests are waiting.']
        : table([['CODE', 'PRINCIPAL', 'NAME', 'EXPIRES'], ...pending.map((request) => [request.code, request.principalId, request.displayName ?? '-', formatTime(request.expiresAt)])]),
    );
  },
});
