import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authPlugin } from '@downcity/auth';
import { chatService } from '@downcity/chat';
import { createAgent, defineAction, defineService, type Agent, type ServiceDefinition } from '@downcity/core';
import { createHttpSurface } from '@downcity/http';
import { memoryService } from '@downcity/memory';
import { shellService, type ShellConfigInput } from '@downcity/shell';
import { createLibsqlStore } from '@downcity/store-libsql';
import { createScriptedModel, recordingLogger, type RecordedLine, type ScriptedModel } from '@downcity/testing';
import { z } from 'zod';
import { consoleService } from '../src/index.js';

/** The HTTP channel's shared token in these tests. */
export const CHANNEL_TOKEN = 'console-test-token-0123456789';

/** A service with one model tool, so sessions hold real tool calls and results. */
const weatherService = defineService({
  package: { name: 'test-weather', version: '1.0.0', downcity: { kind: 'service', id: 'weather', actions: { 'weather/forecast': { description: 'The forecast for a city.', tool: true } } } },
  setup: () => ({
    actions: {
      forecast: defineAction({
        description: 'The forecast for a city.',
        input: z.object({ city: z.string() }),
        output: z.object({ forecast: z.string() }),
        tool: true,
        run: ({ city }) => ({ forecast: `sunny in ${city}` }),
      }),
    },
  }),
});

/** A running agent with chat (HTTP channel), a tool service and the console, on a libSQL file in a temp dir. */
export interface ConsoleAgent extends AsyncDisposable {
  /** The agent. */
  agent: Agent;
  /** The scripted model. */
  model: ScriptedModel;
  /** Every line the agent logged (at every level, unredacted). */
  logLines: RecordedLine[];
  /** The surface origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** The console, e.g. `http://127.0.0.1:40123/console`. */
  consoleUrl: string;
  /** A fresh one-time sign-in link, as `downcity console` prints it. */
  signInLink(): Promise<string>;
  /** Sends a chat message through the HTTP channel (with the shared token, or `token`) and waits for the reply. */
  say(text: string, chatId: string, token?: string): Promise<string>;
}

/** Options of {@link startConsoleAgent}. */
export interface ConsoleAgentOptions {
  /** Loads the auth plugin (owner `http:boss`; unknown users get pairing codes). */
  auth?: boolean;
  /** More services (e.g. the task service), after the console's own. */
  services?: ServiceDefinition[];
  /** Their config, by service id (e.g. `{ task: { tasks: [...] } }`). */
  servicesConfig?: Record<string, unknown>;
  /** The project folder the agent says it was loaded from (`AgentOptions.projectDir`): the Plugins page adds there. */
  projectDir?: string;
  /** The agent's environment (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Loads the shell service with this config (`{}`: approval mode ask, bubblewrap sandbox). */
  shell?: ShellConfigInput;
  /** Loads the memory service (full-text recall, no embedding model). */
  memory?: boolean;
  /** `services.console` (default `{}`). */
  console?: Record<string, unknown>;
}

/** Starts the agent; stop it with `await using`. */
export async function startConsoleAgent(options: ConsoleAgentOptions = {}): Promise<ConsoleAgent> {
  const dir = await mkdtemp(path.join(tmpdir(), 'downcity-console-'));
  const model = createScriptedModel();
  const logger = recordingLogger();
  const agent = createAgent({
    logger,
    store: createLibsqlStore({ path: path.join(dir, 'downcity.db') }),
    model,
    http: createHttpSurface({ host: '127.0.0.1', port: 0 }),
    ...(options.projectDir ? { projectDir: options.projectDir } : {}),
    ...(options.env ? { env: options.env } : {}),
    services: [chatService, weatherService, consoleService, ...(options.shell ? [shellService] : []), ...(options.memory ? [memoryService] : []), ...(options.services ?? [])],
    ...(options.auth ? { plugins: [authPlugin] } : {}),
    config: {
      agent: { dataDir: dir },
      services: { chat: { channels: { http: { token: CHANNEL_TOKEN } } }, console: options.console ?? {}, ...(options.shell ? { shell: options.shell } : {}), ...options.servicesConfig },
      ...(options.auth ? { plugins: { auth: { owners: ['http:boss'] } } } : {}),
    },
  });
  try {
    await agent.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const { channels } = await agent.invoke('chat/channels', {});
  const origin = String(channels.find((channel) => channel.id === 'http')?.info.url);
  return {
    agent,
    model,
    logLines: logger.lines,
    origin,
    consoleUrl: `${origin}/console`,
    signInLink: async () => (await agent.invoke('console/sign-in-link', {})).url,
    async say(text, chatId, token = CHANNEL_TOKEN) {
      const response = await fetch(`${origin}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text, chatId }),
      });
      return ((await response.json()) as { text: string }).text;
    },
    async [Symbol.asyncDispose]() {
      await agent.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
