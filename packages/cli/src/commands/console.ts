import { DowncityError, ErrorCodes } from '@downcity/core';
import { CliError } from '../cli/cli-error.js';
import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { formatTime } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

/** `downcity console`: asks the running agent for a one-time sign-in link to its web console. */
export const consoleCommand = defineCommand({
  name: 'console',
  summary: 'Print a one-time sign-in link to the web console of the running agent',
  async run(context) {
    const client = await connectToAgent(context);
    const link = await client.invoke('console/sign-in-link', {}).catch((error: unknown) => {
      if (!DowncityError.is(error, ErrorCodes.ACTION_UNKNOWN)) throw error;
      throw new CliError(ExitCodes.failure, 'The running agent has no console.', {
        hint: "Add '@downcity/console' to `use` in downcity.config.ts (and `console: {}` under services), then restart the agent.",
      });
    });
    context.output.result(link, ({ url, expiresAt }) => [
      'Open this link to sign in to the console (it works once):',
      url,
      `It expires at ${formatTime(expiresAt)}. Anyone with the link can sign in until then: do not share it.`,
    ]);
  },
});
