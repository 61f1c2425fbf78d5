import { createAgent, type Agent, type AgentOptions, type Principal, type TurnResult } from '@downcity/core';
import { createScriptedModel, type ScriptedModel } from '../scripted-model/create-scripted-model.js';

/** Options for {@link startTestAgent}: agent options, with a scripted model by default and silent logs. */
export type TestAgentOptions = AgentOptions;

/** A started agent plus helpers for driving turns; dispose it with `await using`. */
export interface TestAgent extends AsyncDisposable {
  /** The running agent. */
  readonly agent: Agent;
  /** The scripted model, when the test did not pass its own model. */
  readonly model: ScriptedModel | undefined;
  /** Opens the session (kind `chat`) when needed and runs one turn with `text` as the user message. */
  say(text: string, options?: { sessionId?: string; principal?: Principal }): Promise<TurnResult>;
  /** The session's messages as `role: text` lines, oldest first (tool calls and results summarized). */
  transcript(sessionId?: string): Promise<string[]>;
  /** Stops the agent. */
  stop(): Promise<void>;
}

const DEFAULT_SESSION = 'test:session';

/**
 * Starts an agent for a test: in-memory store, silent logger and, unless `model` is given, a
 * zero-latency scripted model that echoes the user (`echo: <text>`).
 *
 * @example
 * ```ts
 * await using harness = await startTestAgent({ plugins: [myPlugin] });
 * const result = await harness.say('hello');
 * expect(result.text).toBe('echo: hello');
 * ```
 */
export async function startTestAgent(options: TestAgentOptions = {}): Promise<TestAgent> {
  const model = options.model === undefined ? createScriptedModel() : undefined;
  const agent = createAgent({ logger: { level: 'silent' }, ...options, ...(model ? { model } : {}) });
  await agent.start();
  const transcript = async (sessionId = DEFAULT_SESSION): Promise<string[]> =>
    (await agent.session.history(sessionId, { limit: 1_000 })).map((message) => `${message.role}: ${summarize(message.content)}`);
  return {
    agent,
    model,
    async say(text, sayOptions = {}) {
      const sessionId = sayOptions.sessionId ?? DEFAULT_SESSION;
      await agent.session.open(sessionId, { kind: 'chat' });
      return agent.session.turn(sessionId, {
        input: [{ role: 'user', content: text }],
        ...(sayOptions.principal ? { principal: sayOptions.principal } : {}),
      });
    },
    transcript,
    stop: () => agent.stop(),
    [Symbol.asyncDispose]: () => agent.stop(),
  };
}

function summarize(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return JSON.stringify(content);
  return content
    .map((part: { type?: string; text?: string; toolName?: string; input?: unknown; output?: unknown }) => {
      if (part.type === 'text') return part.text ?? '';
      if (part.type === 'tool-call') return `[call ${part.toolName} ${JSON.stringify(part.input)}]`;
      if (part.type === 'tool-result') return `[result ${part.toolName} ${JSON.stringify(part.output)}]`;
      return `[${part.type ?? 'part'}]`;
    })
    .join(' ');
}
