import { chmod, mkdir, unlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { DowncityError, ErrorCodes, toDowncityError, type Agent, type ActionName, type InvokeOptions, type Logger } from '@downcity/core';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { InvokeRequestSchema, MAX_CONTROL_BODY_BYTES, type AgentStatus } from './control-protocol.js';

/** Options for {@link startControlServer}. */
export interface ControlServerOptions {
  /** The socket file, `<dataDir>/control.sock`. */
  socketPath: string;
  /** The running agent. */
  agent: Agent;
  /** The body of `GET /status`. */
  status: () => Promise<AgentStatus>;
  /** The body of `GET /packages`. */
  packages: () => Promise<Record<string, unknown>>;
  /** For failures while answering. */
  logger: Logger;
}

/** A running control server. */
export interface ControlServer {
  /** Stops answering, closes every connection and removes the socket file. */
  close(): Promise<void>;
}

const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCodes.ACTION_UNKNOWN]: 404,
  [ErrorCodes.SESSION_NOT_FOUND]: 404,
  [ErrorCodes.ACTION_INVALID]: 400,
  [ErrorCodes.INPUT_INVALID]: 400,
  [ErrorCodes.DENIED]: 403,
  [ErrorCodes.AGENT_STATE]: 503,
};

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTROL_BODY_BYTES) throw new DowncityError(ErrorCodes.INPUT_INVALID, `The request body is larger than ${MAX_CONTROL_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch (error) {
    throw new DowncityError(ErrorCodes.INPUT_INVALID, `The request body is not JSON: ${(error as Error).message}`);
  }
}

async function invoke(agent: Agent, body: unknown): Promise<unknown> {
  const parsed = InvokeRequestSchema.safeParse(body);
  if (!parsed.success) throw new DowncityError(ErrorCodes.INPUT_INVALID, `Invalid invoke request: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  const { name, input, principal, sessionId } = parsed.data;
  const options: InvokeOptions = { ...(principal ? { principal } : {}), ...(sessionId ? { sessionId } : {}) };
  // The name comes off the wire: the action registry checks it and validates the input against the action's schema.
  return agent.invoke(name as ActionName, input as never, options);
}

async function route(request: IncomingMessage, response: ServerResponse, options: ControlServerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://control');
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/status') return send(response, 200, await options.status());
  if (method === 'GET' && url.pathname === '/packages') return send(response, 200, await options.packages());
  if (method === 'POST' && url.pathname === '/invoke') return send(response, 200, { output: await invoke(options.agent, await readJson(request)) });
  request.resume();
  send(response, 404, { error: { code: 'NOT_FOUND', message: `No route ${method} ${url.pathname}. Routes: GET /status, GET /packages, POST /invoke.` } });
}

async function isAnswering(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function listen(server: Server, socketPath: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Refuses to go on when an agent already answers on `socketPath`: two agents on one store would answer messages twice. */
export async function assertNoRunningAgent(socketPath: string): Promise<void> {
  if (await isAnswering(socketPath)) {
    throw new CliError(ExitCodes.failure, `Another agent is already running for this project (its control socket ${socketPath} answers).`, {
      hint: 'Stop it first, or talk to it with `downcity status`.',
    });
  }
}

/**
 * Opens the control socket of a running agent (decision 0004): a Unix socket, mode 0600 in a
 * 0700 folder, so only the same user can connect; HTTP over it with `GET /status`,
 * `GET /packages` and `POST /invoke { name, input, principal?, sessionId? }`. A stale socket file
 * is replaced; a live one means another agent runs for this project, which is refused.
 */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { socketPath, logger } = options;
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  await assertNoRunningAgent(socketPath);
  await unlink(socketPath).catch(() => {});
  const server = createServer((request, response) => {
    route(request, response, options).catch((error: unknown) => {
      const failure = toDowncityError(error);
      if (!STATUS_OF[failure.code]) logger.warn({ err: failure }, 'control request failed');
      if (response.headersSent) return response.destroy();
      send(response, STATUS_OF[failure.code] ?? 500, { error: failure.toJSON() });
    });
  });
  await listen(server, socketPath);
  await chmod(socketPath, 0o600);
  return {
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await unlink(socketPath).catch(() => {});
    },
  };
}
