import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createToolServer } from './create-tool-server.js';
import type { ToolSource } from './tool-source.js';

/** Options for {@link serveToolsOverStdio}. */
export interface StdioServeOptions {
  /** The tools and how to call them. */
  source: ToolSource;
  /** Where JSON-RPC messages come from (default `process.stdin`). */
  stdin?: Readable;
  /** Where they go (default `process.stdout`). Nothing else may be written to it. */
  stdout?: Writable;
  /** The server name MCP clients see (default `downcity`). */
  name?: string;
}

/**
 * Serves the source's tools to one MCP client over stdio (the SDK's `StdioServerTransport`), telling it when the
 * tool list changes. Resolves when the client closes the connection (stdin ends) or `signal` aborts, with
 * everything closed.
 */
export async function serveToolsOverStdio(options: StdioServeOptions, signal?: AbortSignal): Promise<void> {
  const { source } = options;
  const server = createToolServer({ source, ...(options.name === undefined ? {} : { name: options.name }) });
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const stdin = options.stdin ?? process.stdin;
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    // The transport does not watch for the end of its input; a client that goes away ends stdin.
    stdin.once('end', () => void server.close());
    stdin.once('close', () => void server.close());
    signal?.addEventListener('abort', () => void server.close(), { once: true });
  });
  const stopWatching = source.onChange?.(() => {
    // Before initialization, or after the client left, there is nobody to tell; the next list is fresh anyway.
    server.sendToolListChanged().catch(() => {});
  });
  try {
    await server.connect(transport);
    if (signal?.aborted) await server.close();
    await closed;
  } finally {
    stopWatching?.();
  }
}
