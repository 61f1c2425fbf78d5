import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authPlugin } from '@downcity/auth';
import { createChatService } from '@downcity/chat';
import { createAgent, defineAction, defineService, registerSecret, type Agent, type HttpSurface, type MountedRoute, type ServiceDefinition } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { shellService } from '@downcity/shell';
import { z } from 'zod';
import type { McpConfigInput } from '../src/config.js';
import { mcpService } from '../src/mcp-service.js';

/** A key the probe's failing action leaks into its error message; registered as a secret, so it must never reach a client. */
export const LEAKED_KEY = 'sk-probe-0123456789abcdefghij';

/** A service with three actions: two model tools (`probe_whoami`, `probe_fail`) and one that is not a tool. */
export const probeService: ServiceDefinition = defineService({
  package: {
    name: 'test-probe',
    version: '1.0.0',
    downcity: {
      kind: 'service',
      id: 'probe',
      actions: {
        'probe/whoami': { description: 'Who calls', tool: true },
        'probe/fail': { description: 'Always fails', tool: true },
        'probe/internal': { description: 'Not a tool', tool: false },
      },
    },
  },
  setup() {
    registerSecret(LEAKED_KEY);
    return {
      actions: {
        whoami: defineAction({
          description: 'Tell who is calling: the principal and the caller.',
          input: z.strictObject({ note: z.string().max(20).describe('Anything, echoed back') }),
          output: z.object({ principal: z.string().nullable(), authenticatedBy: z.string().nullable(), caller: z.string(), note: z.string() }),
          tool: true,
          run: (input, call) => ({ principal: call.principal?.id ?? null, authenticatedBy: call.principal?.authenticatedBy ?? null, caller: call.caller, note: input.note }),
        }),
        fail: defineAction({
          description: 'Fail like an upstream API would.',
          input: z.strictObject({}),
          output: z.object({}),
          tool: true,
          run: () => {
            throw new Error(`upstream refused the key ${LEAKED_KEY} (HTTP 403)`);
          },
        }),
        internal: defineAction({ description: 'Not a tool.', input: z.strictObject({}), output: z.object({}), run: () => ({}) }),
      },
    };
  },
});

/** A running agent (chat for the tokens, auth, shell, the probe, MCP) and where its HTTP routes are. */
export interface ServingAgent extends AsyncDisposable {
  /** The agent. */
  agent: Agent;
  /** Every route mounted on the agent's HTTP surface. */
  routes: MountedRoute[];
  /** The MCP endpoint's URL. */
  url: URL;
  /** A per-user token for `http:<user>`. */
  tokenFor(user: string): Promise<string>;
}

/** Owner of the agent: `http:boss`. Shell runs `echo` for owners and admins only (auth's default roles). */
export async function startServingAgent(options: { mcp?: McpConfigInput; chat?: boolean } = {}): Promise<ServingAgent> {
  const dataDir = await mkdtemp(join(tmpdir(), 'downcity-mcp-serve-'));
  const surface = createHttpSurface({ port: 0 });
  const routes: MountedRoute[] = [];
  const http: HttpSurface = {
    mount: async (route) => {
      const mounted = await surface.mount(route);
      routes.push(mounted);
      return mounted;
    },
    close: () => surface.close(),
  };
  const chat = options.chat ?? true;
  const agent = createAgent({
    logger: { level: 'silent' },
    http,
    services: [...(chat ? [createChatService({ channels: [] })] : []), shellService, probeService, mcpService],
    plugins: chat ? [authPlugin] : [],
    config: {
      agent: { dataDir },
      services: {
        ...(chat ? { chat: {} } : {}),
        shell: { policy: { allow: [{ program: 'echo' }] }, approval: { mode: 'allowlist' }, timeoutMs: 10_000 },
        mcp: options.mcp ?? { serve: { http: {} } },
      },
      ...(chat ? { plugins: { auth: { owners: ['http:boss'] } } } : {}),
    },
  });
  const cleanUp = async (): Promise<void> => {
    await agent.stop();
    await surface.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await agent.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const url = new URL('/mcp', routes[0]?.url ?? 'http://127.0.0.1:1');
  return {
    agent,
    routes,
    url,
    tokenFor: async (user) => (await agent.invoke('chat/http-token-create' as never, { user } as never) as { token: string }).token,
    [Symbol.asyncDispose]: cleanUp,
  };
}
