import { createAgent, type Agent, type AgentOptions } from '@downcity/core';
import { createScriptedModel, type ScriptedModel } from '@downcity/testing';
import { createChatService, type ChatConfigInput, type ChatServiceOptions } from '../src/index.js';

/** Starts an agent with the chat service, a silent logger and (unless `model: null`) an echoing scripted model. */
export async function startChatAgent(options: {
  chat?: ChatServiceOptions;
  config?: ChatConfigInput;
  model?: AgentOptions['model'] | null;
  plugins?: AgentOptions['plugins'];
  store?: AgentOptions['store'];
  http?: AgentOptions['http'];
  services?: AgentOptions['services'];
  agentConfig?: Omit<NonNullable<AgentOptions['config']>, 'services'>;
  now?: AgentOptions['now'];
}): Promise<{ agent: Agent; model: ScriptedModel | undefined } & AsyncDisposable> {
  const scripted = options.model === undefined ? createScriptedModel() : undefined;
  const model = options.model === null ? undefined : (options.model ?? scripted);
  const agent = createAgent({
    logger: { level: 'silent' },
    services: [createChatService(options.chat ?? {}), ...(options.services ?? [])],
    ...(options.http ? { http: options.http } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(model ? { model } : {}),
    ...(options.now ? { now: options.now } : {}),
    config: { ...options.agentConfig, services: { chat: options.config ?? {} } },
  });
  await agent.start();
  return { agent, model: scripted, [Symbol.asyncDispose]: () => agent.stop() };
}
