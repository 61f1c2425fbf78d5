import { generateText, stepCountIs, streamText, type LanguageModel, type ModelMessage, type StepResult, type ToolSet } from 'ai';
import { actionTools } from '../action/action-tools.js';
import type { ActionRegistry } from '../action/action-registry.js';
import type { InstructionsContributor } from '../definition/define-service.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { Logger } from '../logger/logger.js';
import { toModelError } from '../model/model-error.js';
import type { JsonObject, JsonValue, NewMessage, Store, StoredMessage } from '../store/store.js';
import { textOf, toModelMessages } from './build-prompt.js';
import type { TurnInfo, TurnOptions, TurnResult } from './session-api.js';

/** What a turn needs from the agent. */
export interface TurnDependencies {
  /** The agent's store. */
  store: Store;
  /** The model, when configured. */
  model: LanguageModel | undefined;
  /** Actions exposed as tools. */
  actions: ActionRegistry;
  /** System prompt contributions, in package order. */
  contributors: readonly { owner: string; contribute: InstructionsContributor }[];
  /** The base system prompt. */
  instructions: string;
  /** Defaults for window and steps. */
  defaults: { window: number; maxSteps: number; maxRetries: number; timeoutMs: number; temperature?: number };
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  /** For contributor failures. */
  logger: Logger;
}

const noModel = (): DowncityError =>
  new DowncityError(
    ErrorCodes.MODEL_NOT_CONFIGURED,
    'No model is configured. Set model in your config, e.g. { provider: "openai", model: "gpt-4o-mini" } with OPENAI_API_KEY, { provider: "anthropic", ... } with ANTHROPIC_API_KEY, or { provider: "ollama", model: "qwen2.5:7b" } / { provider: "openai-compatible", baseURL: ... } for local servers.',
  );

async function buildSystem(dependencies: TurnDependencies, info: TurnInfo, extra: string | undefined): Promise<string> {
  const parts = [dependencies.instructions];
  for (const contributor of dependencies.contributors) {
    try {
      const text = await contributor.contribute(info);
      if (text) parts.push(text);
    } catch (error) {
      dependencies.logger.error({ err: error, package: contributor.owner }, 'instructions contributor failed; skipped');
    }
  }
  if (extra) parts.push(extra);
  return parts.join('\n\n');
}

/** Runs one turn. The caller holds the session's exclusive lock. */
export async function runTurn(dependencies: TurnDependencies, sessionId: string, options: TurnOptions): Promise<TurnResult> {
  const { store } = dependencies;
  const model = dependencies.model;
  if (!model) throw noModel();
  const session = await store.sessions.get(sessionId);
  if (!session) throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${sessionId}" does not exist. Open it with context.session.open() first.`);

  const metadata: JsonObject = options.metadata ?? {};
  const stored: StoredMessage[] = options.input?.length
    ? await store.messages.append(
        sessionId,
        options.input.map((message) => ({ ...message, metadata: { ...metadata, ...message.metadata } })),
      )
    : [];
  const signal = options.signal ? AbortSignal.any([options.signal, dependencies.signal]) : dependencies.signal;
  const window = await store.messages.tail(sessionId, { limit: options.window ?? dependencies.defaults.window, afterSeq: session.windowStart });
  const lastUser = [...window].reverse().find((message) => message.role === 'user');
  const info: TurnInfo = {
    session,
    inputText: lastUser ? textOf(lastUser.content) : '',
    signal,
    ...(options.principal ? { principal: options.principal } : {}),
  };
  const system = await buildSystem(dependencies, info, options.instructions);
  const messages: ModelMessage[] = toModelMessages(window);
  const tools = actionTools({
    registry: dependencies.actions,
    selection: options.tools ?? 'all',
    sessionId,
    signal,
    ...(options.principal ? { principal: options.principal } : {}),
  });

  let stepIndex = 0;
  let persisted = 0;
  // `step.response.messages` holds every response message of the turn so far; store only the new ones.
  const onStepFinish = async (step: StepResult<ToolSet>): Promise<void> => {
    stepIndex++;
    const fresh = step.response.messages.slice(persisted);
    persisted = step.response.messages.length;
    const batch: NewMessage[] = fresh.map((message) => ({
      role: message.role,
      content: JSON.parse(JSON.stringify(message.content)) as JsonValue,
      metadata: { ...metadata, step: stepIndex, finishReason: step.finishReason },
    }));
    if (batch.length > 0) stored.push(...(await store.messages.append(sessionId, batch)));
  };

  const common = {
    model,
    system,
    messages,
    tools,
    stopWhen: stepCountIs(options.maxSteps ?? dependencies.defaults.maxSteps),
    maxRetries: dependencies.defaults.maxRetries,
    abortSignal: signal,
    timeout: dependencies.defaults.timeoutMs,
    onStepFinish,
    ...(dependencies.defaults.temperature === undefined ? {} : { temperature: dependencies.defaults.temperature }),
  };

  try {
    if (!options.onTextDelta) {
      const result = await generateText(common);
      return summarize(result.text, stored, result.steps.length, result.finishReason, result.totalUsage);
    }
    let failure: unknown;
    const result = streamText({ ...common, onError: ({ error }) => void (failure ??= error) });
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') options.onTextDelta(part.text);
      else if (part.type === 'error') failure ??= part.error;
    }
    if (failure !== undefined) throw failure;
    return summarize(await result.text, stored, (await result.steps).length, await result.finishReason, await result.totalUsage);
  } catch (error) {
    throw toModelError(error, signal);
  }
}

function summarize(
  text: string,
  messages: StoredMessage[],
  steps: number,
  finishReason: string,
  usage: { inputTokens?: number | undefined; outputTokens?: number | undefined; totalTokens?: number | undefined },
): TurnResult {
  const cleanUsage: TurnResult['usage'] = {};
  if (usage.inputTokens !== undefined) cleanUsage.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) cleanUsage.outputTokens = usage.outputTokens;
  if (usage.totalTokens !== undefined) cleanUsage.totalTokens = usage.totalTokens;
  return { text, messages, steps, finishReason, usage: cleanUsage };
}
