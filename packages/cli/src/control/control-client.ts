import { request } from 'node:http';
import { DowncityError, ErrorCodes, type ActionInput, type ActionName, type ActionOutput, type ErrorCode, type Principal, type ToolActionInfo } from '@downcity/core';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import type {} from './action-types.js';
import type { AgentStatus, ControlErrorBody } from './control-protocol.js';

/** Talks to a running agent over its control socket. */
export interface ControlClient {
  /** `GET /status`. */
  status(): Promise<AgentStatus>;
  /** `GET /packages`. */
  packages(): Promise<Record<string, unknown>>;
  /** `POST /invoke`: calls an action on the live agent, as the operator or on behalf of `principal`. */
  invoke<Name extends ActionName>(name: Name, input: ActionInput<Name>, options?: { principal?: Principal; sessionId?: string }): Promise<ActionOutput<Name>>;
  /** `GET /tools`: the agent's tool actions with their JSON Schemas. */
  tools(): Promise<ToolActionInfo[]>;
  /** `POST /tools/call`: calls a tool action as the operator; `signal` drops the request. */
  callTool(name: string, input: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
}

const NOT_RUNNING = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK']);

function notRunning(socketPath: string, projectDir: string): CliError {
  return new CliError(ExitCodes.notRunning, `The agent is not running (nothing answers at ${socketPath}).`, {
    hint: `Start it with \`downcity start\` in ${projectDir}.`,
    details: { socket: socketPath },
  });
}

function call<T>(socketPath: string, projectDir: string, method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      {
        socketPath,
        method,
        path,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        ...(signal ? { signal } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return reject(new CliError(ExitCodes.failure, `The agent answered ${path} with something that is not JSON (HTTP ${response.statusCode}).`));
          }
          if ((response.statusCode ?? 500) >= 400) {
            const failure = (parsed as Partial<ControlErrorBody>).error;
            return reject(
              new DowncityError((failure?.code ?? ErrorCodes.INTERNAL) as ErrorCode, failure?.message ?? `The agent answered HTTP ${response.statusCode}.`, {
                details: failure?.details ?? {},
              }),
            );
          }
          resolve(parsed as T);
        });
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => reject(error.code && NOT_RUNNING.has(error.code) ? notRunning(socketPath, projectDir) : error));
    outgoing.end(payload);
  });
}

/** A client for the control socket at `socketPath` of the project in `projectDir`. */
export function createControlClient(socketPath: string, projectDir: string): ControlClient {
  return {
    status: () => call(socketPath, projectDir, 'GET', '/status'),
    packages: () => call(socketPath, projectDir, 'GET', '/packages'),
    invoke: async <Name extends ActionName>(name: Name, input: ActionInput<Name>, options: { principal?: Principal; sessionId?: string } = {}) =>
      (await call<{ output: ActionOutput<Name> }>(socketPath, projectDir, 'POST', '/invoke', { name, input, ...options })).output,
    tools: async () => (await call<{ tools: ToolActionInfo[] }>(socketPath, projectDir, 'GET', '/tools')).tools,
    callTool: async (name, input, options = {}) => (await call<{ output: unknown }>(socketPath, projectDir, 'POST', '/tools/call', { name, input }, options.signal)).output,
  };
}
