import { createChatService } from '@downcity/chat';
import { createAgent, type Agent, type AgentOptions, type Logger, type Store } from '@downcity/core';
import { createScriptedModel, type ScriptedModel } from '@downcity/testing';
import { authCommands } from '../src/commands/pair-command.js';
import type { AuthConfigInput } from '../src/config.js';
import { authPlugin } from '../src/plugin/auth-plugin.js';
import { createTestChannel } from './test-channel.js';

/** A running agent with chat (a test channel named `telegram`), the auth plugin and a scripted model. */
export interface AuthAgent extends AsyncDisposable {
  /** The agent. */
  agent: Agent;
  /** The scripted model; `calls` records every prompt. */
  model: ScriptedModel;
  /** The test channel. */
  channel: ReturnType<typeof createTestChannel>;
  /** Stops the agent. */
  stop(): Promise<void>;
}

/** Starts the agent. `services` adds services besides chat (e.g. a shell or task service), `config` their config by id. */
export async function startAuthAgent(
  options: {
    auth?: AuthConfigInput;
    store?: Store;
    services?: AgentOptions['services'];
    config?: Record<string, unknown>;
    dataDir?: string;
    /** Principal ids the test channel declares as authenticated only by a shared credential. */
    sharedPrincipals?: readonly string[];
    /** A logger (default: silent). */
    logger?: Logger;
  } = {},
): Promise<AuthAgent> {
  const model = createScriptedModel();
  const channel = createTestChannel('telegram', options.sharedPrincipals ? { sharedPrincipals: options.sharedPrincipals } : {});
  const agent = createAgent({
    logger: options.logger ?? { level: 'silent' },
    model,
    services: [createChatService({ channels: [channel.definition], commands: authCommands }), ...(options.services ?? [])],
    plugins: [authPlugin],
    ...(options.store ? { store: options.store } : {}),
    config: {
      ...(options.dataDir ? { agent: { dataDir: options.dataDir } } : {}),
      services: { chat: { channels: { telegram: {} } }, ...options.config },
      plugins: { auth: options.auth ?? {} },
    },
  });
  await agent.start();
  return { agent, model, channel, stop: () => agent.stop(), [Symbol.asyncDispose]: () => agent.stop() };
}
