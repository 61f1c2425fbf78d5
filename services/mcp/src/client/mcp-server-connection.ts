import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { DowncityError, ErrorCodes, redactSecrets, type Logger } from '@downcity/core';
import { reconnectDelay } from './reconnect-backoff.js';
import type { McpServerConfig } from './servers-config.js';

/** Options for {@link McpServerConnection}. */
export interface McpServerConnectionOptions {
  /** The server's name in `services.mcp.servers`. */
  name: string;
  /** Its config. */
  config: McpServerConfig;
  /** The client's name and version, sent to the server. */
  clientInfo: { name: string; version: string };
  /** The mcp service's logger. */
  logger: Logger;
  /** Called with the server's tools after each connect and each `notifications/tools/list_changed`. */
  onTools(tools: Tool[]): void;
}

type State = { kind: 'idle' } | { kind: 'connecting'; client: Client } | { kind: 'connected'; client: Client } | { kind: 'waiting'; timer: NodeJS.Timeout } | { kind: 'closed' };

/**
 * One configured MCP server, kept connected: it connects in the background, lists its tools (and
 * lists them again on `notifications/tools/list_changed`), reconnects with backoff (250 ms doubling
 * to 30 s) when the server crashes or cannot be reached, and runs tool calls with the server's
 * timeout. A stdio server is a child process; `close()` stops it.
 */
export class McpServerConnection {
  readonly #options: McpServerConnectionOptions;
  readonly #logger: Logger;
  #state: State = { kind: 'idle' };
  #attempt = 0;
  readonly #waiters = new Set<() => void>();

  constructor(options: McpServerConnectionOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ mcpServer: options.name });
  }

  /** Starts connecting in the background; never throws (failures are logged and retried). */
  start(): void {
    if (this.#state.kind === 'idle') void this.#connect();
  }

  /**
   * Calls a tool. Waits for the server to (re)connect within the server's `timeoutMs`. Throws a
   * {@link DowncityError} the model can read on timeout, crash, or a protocol failure.
   */
  async callTool(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const { name, config } = this.#options;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = AbortSignal.any([signal, timeout]);
    const timedOut = (): DowncityError =>
      new DowncityError(
        ErrorCodes.TIMEOUT,
        `MCP tool "${tool}" of server "${name}" did not answer within ${config.timeoutMs} ms; the call was cancelled. Try a smaller request, or raise services.mcp.servers.${name}.timeoutMs.`,
      );
    let client: Client;
    try {
      client = await this.#client(combined);
    } catch (error) {
      if (!timeout.aborted) throw error;
      throw new DowncityError(
        ErrorCodes.TIMEOUT,
        `MCP server "${name}" is not connected (it exited or cannot be reached, and reconnecting has not succeeded within ${config.timeoutMs} ms); "${tool}" was not called. It keeps reconnecting; try again later.`,
      );
    }
    try {
      return (await client.callTool({ name: tool, arguments: args }, undefined, { signal: combined, timeout: config.timeoutMs })) as CallToolResult;
    } catch (error) {
      if (timeout.aborted || (error instanceof McpError && error.code === ErrorCode.RequestTimeout)) throw timedOut();
      if (signal.aborted) throw error;
      if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
        throw new DowncityError(
          ErrorCodes.INTERNAL,
          `MCP server "${name}" closed the connection during the call to "${tool}" (it crashed or exited). It is being restarted; the call may be tried again.`,
          { cause: error },
        );
      }
      throw new DowncityError(ErrorCodes.INTERNAL, `MCP tool "${tool}" of server "${name}" failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Disconnects and stops the server's process; the connection is not used again. */
  async close(): Promise<void> {
    const state = this.#state;
    this.#state = { kind: 'closed' };
    this.#wake();
    if (state.kind === 'waiting') clearTimeout(state.timer);
    if (state.kind === 'connected' || state.kind === 'connecting') await state.client.close();
  }

  /** The connected client, waiting for a (re)connect until `signal` aborts. */
  async #client(signal: AbortSignal): Promise<Client> {
    for (;;) {
      const state = this.#state;
      if (state.kind === 'connected') return state.client;
      if (state.kind === 'closed') throw new DowncityError(ErrorCodes.AGENT_STATE, `MCP server "${this.#options.name}" is stopped (the agent is stopping).`);
      if (state.kind === 'idle') void this.#connect();
      if (state.kind === 'waiting') this.#retryNow();
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  /** Read through a method so TypeScript does not narrow the state across awaits. */
  #isClosed(): boolean {
    return this.#state.kind === 'closed';
  }

  #wake(): void {
    for (const waiter of this.#waiters) waiter();
  }

  /** A call is waiting and the server has failed at most once since it last worked: reconnect now instead of after the backoff. */
  #retryNow(): void {
    const state = this.#state;
    if (state.kind !== 'waiting' || this.#attempt > 1) return;
    clearTimeout(state.timer);
    void this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#state.kind === 'closed') return;
    const { name, clientInfo } = this.#options;
    const client = new Client(clientInfo, {
      capabilities: {},
      listChanged: { tools: { autoRefresh: false, onChanged: () => this.#onListChanged(client) } },
    });
    this.#state = { kind: 'connecting', client };
    const transport = this.#transport();
    try {
      await client.connect(transport);
      await this.#refreshTools(client);
    } catch (error) {
      await client.close().catch(() => undefined);
      if (this.#isClosed()) return;
      this.#logger.warn({ err: error }, `MCP server "${name}" could not be reached; retrying`);
      this.#scheduleReconnect();
      return;
    }
    if (this.#isClosed()) {
      await client.close();
      return;
    }
    this.#attempt = 0;
    this.#state = { kind: 'connected', client };
    client.onclose = () => {
      if (this.#state.kind !== 'connected' || this.#state.client !== client) return;
      this.#logger.warn(`MCP server "${name}" disconnected (crashed or exited); reconnecting`);
      this.#scheduleReconnect();
    };
    this.#logger.info(`MCP server "${name}" connected`);
    this.#wake();
  }

  #scheduleReconnect(): void {
    const delay = reconnectDelay(this.#attempt);
    this.#attempt += 1;
    const timer = setTimeout(() => void this.#connect(), delay);
    timer.unref();
    this.#state = { kind: 'waiting', timer };
    this.#wake();
  }

  #onListChanged(client: Client): void {
    this.#refreshTools(client).catch((error: unknown) => this.#logger.warn({ err: error }, `MCP server "${this.#options.name}" announced new tools but listing them failed`));
  }

  async #refreshTools(client: Client): Promise<void> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    if (this.#state.kind === 'closed') return;
    this.#options.onTools(tools);
  }

  #transport(): Transport {
    const { config } = this.#options;
    if (config.url !== undefined) {
      return new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: { ...config.headers } } });
    }
    const transport = new StdioClientTransport({
      command: config.command ?? '',
      args: config.args ?? [],
      ...(config.env ? { env: config.env } : {}),
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => this.#logger.debug({ stderr: redactSecrets(chunk.toString('utf8').slice(0, 2_000)) }, `MCP server "${this.#options.name}" wrote to stderr`));
    return transport;
  }
}
