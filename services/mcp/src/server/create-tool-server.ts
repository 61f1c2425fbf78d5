import { DowncityError, ErrorCodes, redactSecrets } from '@downcity/core';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import pkg from '../../package.json' with { type: 'json' };
import { toolError, toolResult } from './tool-result.js';
import type { ToolSource } from './tool-source.js';

/** Options for {@link createToolServer}. */
export interface ToolServerOptions {
  /** The tools and how to call them. */
  source: ToolSource;
  /** The server name MCP clients see (default `downcity`). */
  name?: string;
}

/**
 * An MCP server (the SDK's low-level `Server`, since the tools come with ready JSON Schemas) that lists the
 * source's tools and calls them. `tools/list` answers with each tool's name (`chat_send`, as the model sees it),
 * description and input JSON Schema; `tools/call` runs it through the source, so the agent validates the input
 * and the action's guards decide. A failing call is a result with `isError` and the redacted message; a name
 * that is no tool is the protocol error `InvalidParams`. Connect it to a transport (stdio or streamable HTTP).
 */
export function createToolServer(options: ToolServerOptions): Server {
  const { source } = options;
  // `Server` is the SDK's API for tools described by JSON Schema; `McpServer` wants zod shapes.
  const server = new Server({ name: options.name ?? 'downcity', version: pkg.version }, { capabilities: { tools: { listChanged: true } } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await source.list()).map(
      (tool): Tool => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema as Tool['inputSchema'],
        _meta: { 'downcity/action': tool.action },
      }),
    ),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    try {
      return toolResult(await source.call(request.params.name, request.params.arguments ?? {}, { signal: extra.signal }));
    } catch (error) {
      if (extra.signal.aborted) throw error;
      if (DowncityError.is(error) && error.code === ErrorCodes.ACTION_UNKNOWN) throw new McpError(ErrorCode.InvalidParams, redactSecrets(error.message));
      return toolError(error);
    }
  });
  return server;
}
