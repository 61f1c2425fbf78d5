import { chmod, mkdir, unlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import path from 'node:path';
import { DowncityError, ErrorCodes, redactSecrets, toDowncityError, type Agent, type ActionName, type InvokeOptions, type Logger } from '@downcity/core';
import { createRouteApp, limitBody, listen, type RouteEnv } from '@downcity/http';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { InvokeRequestSchema, MAX_CONTROL_BODY_BYTES, ToolCallRequestSchema, type AgentStatus } from './control-protocol.js';

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

const STATUS_OF: Partial<Record<string, ContentfulStatusCode>> = {
  [ErrorCodes.ACTION_UNKNOWN]: 404,
  [ErrorCodes.SESSION_NOT_FOUND]: 404,
  [ErrorCodes.ACTION_INVALID]: 400,
  [ErrorCodes.INPUT_INVALID]: 400,
  [ErrorCodes.DENIED]: 403,
  [ErrorCodes.AGENT_STATE]: 503,
};

const ROUTES = 'Routes: GET /status, GET /packages, POST /invoke, GET /tools, POST /tools/call.';

/** The error answer of the control protocol: `{ error: { code, message, details } }` (see `ControlErrorBody`). */
const failed = (c: Context, failure: DowncityError): Response => c.json({ error: failure.toJSON() }, STATUS_OF[failure.code] ?? 500);

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text || '{}');
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

/** `POST /tools/call`: a tool action by tool or action name, as the operator (for `downcity mcp`). */
async function callTool(agent: Agent, body: unknown, signal: AbortSignal): Promise<unknown> {
  const parsed = ToolCallRequestSchema.safeParse(body);
  if (!parsed.success) throw new DowncityError(ErrorCodes.INPUT_INVALID, `Invalid tool call: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  try {
    return await agent.tools.call(parsed.data.name, parsed.data.input, { signal });
  } catch (error) {
    // Redacted here, in the agent's process, which alone knows its secrets; details are left out for the same reason.
    const failure = toDowncityError(error);
    throw new DowncityError(failure.code, redactSecrets(failure.message));
  }
}

/** The control API as a route app: `GET /status`, `GET /packages`, `POST /invoke`; Downcity errors become their protocol answer. */
function createControlApp(options: ControlServerOptions): Hono<RouteEnv> {
  const notFound = (c: Context): Response => c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}. ${ROUTES}` } }, 404);
  const app = createRouteApp({ logger: options.logger, notFound, methodNotAllowed: notFound, unexpected: (error, c) => failed(c, toDowncityError(error)) });
  const answer = (work: (c: Context) => Promise<unknown>) => async (c: Context) => {
    try {
      return c.json(await work(c));
    } catch (error) {
      const failure = toDowncityError(error);
      if (!STATUS_OF[failure.code]) options.logger.warn({ err: failure }, 'control request failed');
      return failed(c, failure);
    }
  };
  app.get('/status', answer(() => options.status()));
  app.get('/packages', answer(() => options.packages()));
  app.post(
    '/invoke',
    limitBody({ maxBytes: MAX_CONTROL_BODY_BYTES, tooLarge: (c) => failed(c, new DowncityError(ErrorCodes.INPUT_INVALID, `The request body is larger than ${MAX_CONTROL_BODY_BYTES} bytes.`)) }),
    answer(async (c) => ({ output: await invoke(options.agent, await readJson(c)) })),
  );
  app.get('/tools', answer(async () => ({ tools: options.agent.tools.list() })));
  app.post(
    '/tools/call',
    limitBody({ maxBytes: MAX_CONTROL_BODY_BYTES, tooLarge: (c) => failed(c, new DowncityError(ErrorCodes.INPUT_INVALID, `The request body is larger than ${MAX_CONTROL_BODY_BYTES} bytes.`)) }),
    // The request's signal aborts when `downcity mcp` drops the request (its client cancelled the call).
    answer(async (c) => ({ output: await callTool(options.agent, await readJson(c), c.req.raw.signal) })),
  );
  return app;
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
 * 0700 folder, so only the same user can connect; HTTP over it (a route app from `@downcity/http`) with `GET /status`,
 * `GET /packages`, `POST /invoke { name, input, principal?, sessionId? }`, and for `downcity mcp` `GET /tools` (the
 * tool actions with their JSON Schemas) and `POST /tools/call { name, input }`. A stale socket file
 * is replaced; a live one means another agent runs for this project, which is refused.
 */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { socketPath } = options;
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  await assertNoRunningAgent(socketPath);
  await unlink(socketPath).catch(() => {});
  const listener = await listen({ socketPath, fetch: createControlApp(options).fetch, serves: 'the control socket' });
  await chmod(socketPath, 0o600);
  return {
    async close() {
      await listener.close({ graceMs: 0 });
      await unlink(socketPath).catch(() => {});
    },
  };
}
