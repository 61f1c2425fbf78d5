import type { ProviderOptions } from '../model/provider-options.js';
import type { ActionRegistry } from '../action/action-registry.js';
import type { InstructionsContributor } from '../definition/define-service.js';
import { DowncityError } from '../errors/downcity-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { Logger } from '../logger/logger.js';
import { toModelError } from '../model/model-error.js';
import { turnTools } from '../model/model-tools.js';
import { mergeProviderOptions } from '../model/provider-options.js';
import type { ModelCandidate } from '../model/model-candidate.js';
import { runModelLoop, type ModelFallback } from '../model/run-model-loop.js';
import { traceTurn } from '../telemetry/trace-turn.js';
import type { JsonObject, JsonValue, SessionRecord, Store, StoredMessage } from '../store/store.js';
import { textOf, toModelMessages } from './build-prompt.js';
import type { TurnInfo, TurnOptions, TurnResult } from './session-api.js';
import { randomUUID } from 'node:crypto';
import { appendStep } from '../usage/append-step.js';
import type { UsageLedger } from '../usage/usage-ledger.js';

/** What a turn needs from the agent. */
export interface TurnDependencies {
  /** The agent's store. */
  store: Store;
  /** The models to try in order; empty when none is configured. */
  models: readonly ModelCandidate[];
  /** Actions exposed as tools. */
  actions: ActionRegistry;
  /** System prompt contributions, in package order. */
  contributors: readonly { owner: string; contribute: InstructionsContributor }[];
  /** The base system prompt. */
  instructions: string;
  /** Defaults for window, steps and the turn's deadline, and the agent-wide provider options (over each model's own). */
  defaults: { window: number; maxSteps: number; timeoutMs: number; providerOptions?: ProviderOptions };
  /** Aborted when the agent stops. */
  signal: AbortSignal;
  /** For contributor failures. */
  logger: Logger;
  /** The usage ledger: records each step's tokens and refuses a turn past the principal's daily budget. */
  usage?: UsageLedger;
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

/** Aborts `controller` when any source aborts or the timeout passes; returns the unlink function. */
function linkAbort(controller: AbortController, sources: (AbortSignal | undefined)[], timeoutMs: number): () => void {
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  const linked: AbortSignal[] = [];
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) controller.abort(source.reason);
    else {
      source.addEventListener('abort', onAbort, { once: true });
      linked.push(source);
    }
  }
  const timer = setTimeout(
    () => controller.abort(new DowncityError(ErrorCodes.TIMEOUT, `The model turn did not finish within ${timeoutMs} ms (model.timeoutMs).`)),
    timeoutMs,
  );
  return () => {
    clearTimeout(timer);
    for (const source of linked) source.removeEventListener('abort', onAbort);
  };
}

/**
 * Runs one turn; the caller holds the session's exclusive lock. The input is stored first, then
 * each model step (assistant message and tool results) is stored atomically as it finishes, so a
 * failure or a kill mid-turn never leaves a half-written step. The turn runs in an `invoke_agent` span.
 */
export function runTurn(dependencies: TurnDependencies, sessionId: string, options: TurnOptions): Promise<TurnResult> {
  return traceTurn({ sessionId, model: dependencies.models[0]?.model }, () => runTurnUntraced(dependencies, sessionId, options));
}

async function runTurnUntraced(dependencies: TurnDependencies, sessionId: string, options: TurnOptions): Promise<TurnResult> {
  const { store, models } = dependencies;
  if (models.length === 0) throw noModel();
  const session = await store.sessions.get(sessionId);
  if (!session) throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${sessionId}" does not exist. Open it with context.session.open() first.`);
  // Past the principal's daily budget, the turn is refused before anything is stored or the model is called.
  await dependencies.usage?.enforce(options.principal?.id);
  // One controller per turn, linked to the agent and caller signals and unlinked when the turn
  // ends, so long-lived signals never accumulate listeners.
  const turnAbort = new AbortController();
  const unlink = linkAbort(turnAbort, [dependencies.signal, options.signal], dependencies.defaults.timeoutMs);
  const fallbacks: ModelFallback[] = [];
  try {
    return await runLinked(dependencies, session, options, turnAbort.signal, fallbacks);
  } catch (error) {
    throw afterFallbacks(toModelError(error, turnAbort.signal), fallbacks);
  } finally {
    unlink();
  }
}

/** The error of the last model tried, saying which models failed before it. */
function afterFallbacks(error: DowncityError, fallbacks: readonly ModelFallback[]): DowncityError {
  if (fallbacks.length === 0) return error;
  const tried = [...fallbacks.map((fallback) => fallback.from), fallbacks.at(-1)?.to];
  return new DowncityError(error.code, `${error.message} (models tried in order: ${tried.join(', ')})`, {
    cause: error.cause ?? error,
    details: { ...error.details, models: tried as string[] },
  });
}

const optional = <Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } =>
  (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };

/** A session's own provider options, kept in its metadata under `providerOptions`. */
function sessionProviderOptions(session: SessionRecord): ProviderOptions | undefined {
  const value = session.metadata.providerOptions;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ProviderOptions) : undefined;
}

async function runLinked(
  dependencies: TurnDependencies,
  session: SessionRecord,
  options: TurnOptions,
  signal: AbortSignal,
  fallbacks: ModelFallback[],
): Promise<TurnResult> {
  const { store } = dependencies;
  const sessionId = session.id;
  const metadata: JsonObject = options.metadata ?? {};
  const stored: StoredMessage[] = options.input?.length
    ? await store.messages.append(
        sessionId,
        options.input.map((message) => ({ ...message, metadata: { ...metadata, ...message.metadata } })),
      )
    : [];
  const window = await store.messages.tail(sessionId, { limit: options.window ?? dependencies.defaults.window, afterSeq: session.windowStart });
  let inputText = '';
  for (let index = window.length - 1; index >= 0; index--) {
    if (window[index]?.role === 'user') {
      inputText = textOf(window[index]?.content);
      break;
    }
  }
  const info: TurnInfo = { session, inputText, signal, ...(options.principal ? { principal: options.principal } : {}) };
  let step = 0;
  const turnId = randomUUID();
  const result = await runModelLoop({
    models: dependencies.models,
    system: await buildSystem(dependencies, info, options.instructions),
    messages: toModelMessages(window),
    tools: turnTools({
      registry: dependencies.actions,
      selection: options.tools ?? 'all',
      sessionId,
      ...(options.principal ? { principal: options.principal } : {}),
    }),
    maxSteps: options.maxSteps ?? dependencies.defaults.maxSteps,
    signal,
    logger: dependencies.logger,
    onFallback: (fallback) => fallbacks.push(fallback),
    ...optional('providerOptions', mergeProviderOptions(dependencies.defaults.providerOptions, sessionProviderOptions(session), options.providerOptions)),
    ...(options.onTextDelta ? { onTextDelta: options.onTextDelta } : {}),
    onStep: async (messages, { finishReason, usage, durationMs, model }) => {
      step++;
      // The step's usage and duration go on its first message only, so summing a session's messages counts each once.
      const batch = messages.map((message, index) => ({
        role: message.role,
        content: message.content as unknown as JsonValue,
        metadata: { ...metadata, step, finishReason, model, ...(index === 0 ? { usage: { ...usage }, durationMs } : {}) },
      }));
      const appended = await appendStep(dependencies, batch, { sessionId, turnId, step, principalId: options.principal?.id, model, tokens: usage });
      stored.push(...appended);
      await options.onStep?.({ index: step, messages: appended, finishReason });
    },
  });
  return {
    text: result.text,
    messages: stored,
    steps: result.steps,
    finishReason: result.finishReason,
    usage: result.usage,
    model: result.model,
    fallbacks: result.fallbacks.map(({ from, to }) => ({ from, to })),
  };
}
