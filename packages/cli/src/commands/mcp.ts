import type { ToolActionInfo } from '@downcity/core';
import { defineCommand } from '../cli/command.js';
import { connectToAgent } from '../control/connect-to-agent.js';
import type { ControlClient } from '../control/control-client.js';

/** How often `downcity mcp` asks the agent whether its tools changed. */
const CHANGE_POLL_MS = 2_000;

const signatureOf = (tools: ToolActionInfo[]): string => JSON.stringify(tools);

/** Calls `listener` when the agent's tool list differs from the last one seen (polled over the control socket). */
function watchTools(client: ControlClient, first: ToolActionInfo[], listener: () => void): () => void {
  let last = signatureOf(first);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .tools()
      .then((tools) => {
        const next = signatureOf(tools);
        if (next !== last) {
          last = next;
          listener();
        }
      })
      // The agent stopped or restarts: the next call says so to the client; nothing to tell now.
      .catch(() => {})
      .finally(() => (busy = false));
  }, CHANGE_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** `downcity mcp`: an MCP server on stdin/stdout that bridges to the project's running agent. */
export const mcpCommand = defineCommand({
  name: 'mcp',
  summary: "Serve the running agent's tools to an MCP client over stdio (stdin/stdout)",
  details: [
    'Lists and calls the tool actions of the agent running in this project, through its control socket: start it',
    'first with `downcity start`. Calls run as the operator (like every CLI command), under the same validation and',
    'guards as the model\'s tool calls. stdout carries only the MCP protocol; errors go to stderr. It ends when the',
    'client closes stdin. For remote clients, serve HTTP instead (services.mcp.serve.http, docs/guides/mcp.md).',
    'Example client config: { "command": "downcity", "args": ["mcp", "--cwd", "/path/to/project"] }',
  ],
  async run(context) {
    const client = await connectToAgent(context);
    // Fails with "the agent is not running ... start it with `downcity start`" before the protocol begins.
    const first = await client.tools();
    const { serveToolsOverStdio } = await import('@downcity/mcp');
    await serveToolsOverStdio({
      stdin: context.io.stdin,
      stdout: context.io.stdout,
      source: {
        list: () => client.tools(),
        call: (name, input, { signal }) => client.callTool(name, input, { signal }),
        onChange: (listener) => watchTools(client, first, listener),
      },
    });
  },
});
