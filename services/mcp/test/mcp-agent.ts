import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DowncityError, ErrorCodes, type ActionName, type AgentOptions } from '@downcity/core';
import { startTestAgent, type TestAgent } from '@downcity/testing';
import { mcpService, type McpConfigInput } from '../src/index.js';

/** The stdio fixture server script. */
export const stdioServerScript = fileURLToPath(new URL('./fixtures/stdio-server.mjs', import.meta.url));

/** A stdio server config running the fixture server with this Node. */
export function stdioServer(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { command: process.execPath, args: [stdioServerScript], ...extra };
}

/** Starts an agent with the mcp service (scripted model, in-memory store) and the given servers. */
export async function startMcpAgent(servers: NonNullable<McpConfigInput['servers']>, options: AgentOptions = {}): Promise<TestAgent> {
  return startTestAgent({ ...options, services: [mcpService, ...(options.services ?? [])], config: { services: { mcp: { servers } }, ...options.config } });
}

/** Polls `check` until it returns without throwing, for at most `timeoutMs` (generous: a child process must start). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** Waits until the action exists (its server connected and listed its tools), then returns what calling it gives. */
export async function whenRegistered(harness: TestAgent, action: string, input: Record<string, unknown> = {}): Promise<unknown> {
  return eventually(async () => {
    try {
      return await harness.agent.invoke(action as ActionName, input as never);
    } catch (error) {
      if (DowncityError.is(error) && error.code === ErrorCodes.ACTION_UNKNOWN) throw error;
      return error;
    }
  });
}

/** Whether a process id is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The HTTP fixture server, a child process listening on 127.0.0.1; stop it with `await using`. */
export async function startHttpFixture(token: string): Promise<{ url: string; child: ChildProcess } & AsyncDisposable> {
  const script = fileURLToPath(new URL('./fixtures/http-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, FIXTURE_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const port = Number(chunk.toString('utf8').trim());
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    child,
    async [Symbol.asyncDispose]() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
