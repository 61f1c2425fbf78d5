import type { LanguageModelV3, LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, isStepCount, streamText, type AssistantModelMessage, type ModelMessage, type StepResult, type ToolModelMessage, type ToolSet } from 'ai';
import type { Logger } from '../logger/logger.js';
import { traceModel } from '../telemetry/trace-model.js';
import { isFallbackError } from './fallback-error.js';
import type { ModelCandidate } from './model-candidate.js';
import { mergeProviderOptions, type ProviderOptions } from './provider-options.js';

/** Token usage summed over a turn's steps. */
export interface LoopUsage {
  /** Prompt tokens. */
  inputTokens?: number;
  /** Completion tokens. */
  outputTokens?: number;
  /** Both. */
  totalTokens?: number;
  /** Of the prompt tokens, those read from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Of the completion tokens, the reasoning ones. */
  reasoningTokens?: number;
}

/** A provider model Downcity can run: AI SDK provider spec v4 (AI SDK 7 providers) or v3 (AI SDK 6 providers). */
export type ProviderModel = LanguageModelV4 | LanguageModelV3;

/** Options for {@link runModelLoop}. */
export interface ModelLoopOptions {
  /**
   * The models to try, in order (at least one). The loop runs on the first; when a call fails after
   * that model's retries with a failure {@link isFallbackError} accepts, the loop goes on with the
   * next from the steps stored so far. Each model's `maxRetries`, `temperature` and provider options apply to its calls.
   */
  models: readonly ModelCandidate[];
  /** The system prompt. */
  system: string;
  /** The prompt window. */
  messages: ModelMessage[];
  /** The turn's tools. */
  tools: ToolSet;
  /** Maximum steps. */
  maxSteps: number;
  /** Provider options sent with every step (`{ openai: {...}, anthropic: {...} }`), over each model's own. */
  providerOptions?: ProviderOptions;
  /** Cancels the loop. */
  signal: AbortSignal;
  /** Where provider warnings (unsupported settings...) are logged. */
  logger: Logger;
  /** When set, the model streams and each text delta is passed here. */
  onTextDelta?: (delta: string) => void;
  /** Called with each finished step's messages (assistant, then tool results); awaited before the next step. A throw ends the loop with that error. */
  onStep: (messages: (AssistantModelMessage | ToolModelMessage)[], step: LoopStep) => Promise<void>;
  /** Called when the loop leaves a failed model for the next one, before the next one's first call. */
  onFallback?: (event: ModelFallback) => void;
}

/** What the loop tells its `onFallback` callback, and a turn result lists, when a turn moves to the next model. */
export interface ModelFallback {
  /** The id of the model that failed. */
  from: string;
  /** The id of the model tried next. */
  to: string;
  /** The failure, as the AI SDK threw it. */
  error: unknown;
}

/** What the loop tells `onStep` about a finished step. */
export interface LoopStep {
  /** Why the step ended (`stop`, `tool-calls`, `length`, ...). */
  finishReason: string;
  /** The step's own token usage, when the provider reports it. */
  usage: LoopUsage;
  /** Milliseconds from the step's start (the loop's start, or the previous step's end) to its end, tools included. */
  durationMs: number;
  /** The id of the model that ran the step (`<provider>:<model id>`). */
  model: string;
}

/** The outcome of a loop. */
export interface ModelLoopResult {
  /** The last step's text. */
  text: string;
  /** Steps run. */
  steps: number;
  /** The last step's finish reason. */
  finishReason: string;
  /** Summed usage. */
  usage: LoopUsage;
  /** The id of the model that ran the last step; when no step finished, of the last model tried. */
  model: string;
  /** The models that failed and were passed over, in order, each with its error. */
  fallbacks: ModelFallback[];
}

/**
 * Stream bookkeeping parts (`custom` parts such as `anthropic.message_start`, carrying the message id
 * and usage at stream start) are not conversation content: a non-streamed call has none and the
 * providers ignore them on input. Leaving them out keeps streamed and non-streamed history identical.
 */
const isStreamBookkeeping = (part: unknown): boolean =>
  typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'custom' && String((part as { kind?: unknown }).kind).endsWith('.message_start');

function storable(messages: (AssistantModelMessage | ToolModelMessage)[]): (AssistantModelMessage | ToolModelMessage)[] {
  return messages.map((message) =>
    message.role === 'assistant' && Array.isArray(message.content) && message.content.some(isStreamBookkeeping)
      ? { ...message, content: message.content.filter((part) => !isStreamBookkeeping(part)) }
      : message,
  );
}

const add = (left: number | undefined, right: number | undefined): number | undefined =>
  left === undefined && right === undefined ? undefined : (left ?? 0) + (right ?? 0);

/** A step's usage as plain numbers, leaving out what the provider did not report. */
function stepUsage(usage: StepResult<ToolSet>['usage']): LoopUsage {
  const { inputTokens, outputTokens } = usage;
  const cachedInputTokens = usage.inputTokenDetails?.cacheReadTokens;
  const reasoningTokens = usage.outputTokenDetails?.reasoningTokens;
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(inputTokens === undefined && outputTokens === undefined ? {} : { totalTokens: (inputTokens ?? 0) + (outputTokens ?? 0) }),
    ...(cachedInputTokens ? { cachedInputTokens } : {}),
    ...(reasoningTokens ? { reasoningTokens } : {}),
  };
}

/** A failure raised by `onStep` (storage): it ends the loop as it is, never moving to another model. */
class StepFailure {
  constructor(readonly error: unknown) {}
}

/**
 * The multi-step model loop: the AI SDK's own `generateText` / `streamText` with `stopWhen`, its
 * retries, its concurrent tool execution and its response messages (reasoning, tool calls and their
 * provider metadata included). Each finished step is handed to `onStep`, which stores it atomically
 * before the next step starts; a failed store aborts the loop and its error is thrown.
 *
 * With more than one model, a call that fails after its retries with a failure another model may
 * not share (see {@link isFallbackError}) moves the loop to the next model, which goes on from the
 * steps finished so far within the remaining step budget. Any other failure, and the last model's,
 * is thrown.
 */
export async function runModelLoop(options: ModelLoopOptions): Promise<ModelLoopResult> {
  const [first] = options.models;
  if (!first) throw new TypeError('runModelLoop needs at least one model.');
  const result: ModelLoopResult = { text: '', steps: 0, finishReason: 'other', usage: {}, model: first.id, fallbacks: [] };
  const finished: (AssistantModelMessage | ToolModelMessage)[] = [];
  for (const [index, candidate] of options.models.entries()) {
    result.model = candidate.id;
    try {
      await runOn(candidate, options, result, finished);
      return result;
    } catch (error) {
      if (error instanceof StepFailure) throw error.error;
      const next = options.models[index + 1];
      if (!next || options.signal.aborted || !isFallbackError(error) || result.steps >= options.maxSteps) throw error;
      const fallback: ModelFallback = { from: candidate.id, to: next.id, error };
      result.fallbacks.push(fallback);
      options.logger.warn({ from: fallback.from, to: fallback.to, reason: describeFailure(error) }, 'the model failed after its retries; the turn moves to the next model');
      options.onFallback?.(fallback);
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** A short, secret-free reason for the log: the status and message, never the request or response body. */
function describeFailure(error: unknown): string {
  const status = (error as { statusCode?: unknown; lastError?: { statusCode?: unknown } }).statusCode ?? (error as { lastError?: { statusCode?: unknown } }).lastError?.statusCode;
  const message = error instanceof Error ? error.message : typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? (error as { type?: unknown }).type) : String(error);
  return status === undefined ? message : `${String(status)}: ${message}`;
}

/** Runs the loop on one model, from the original messages plus the steps `finished` so far. */
async function runOn(
  candidate: ModelCandidate,
  options: ModelLoopOptions,
  result: ModelLoopResult,
  finished: (AssistantModelMessage | ToolModelMessage)[],
): Promise<void> {
  const stepFailure = new AbortController();
  let failure: StepFailure | undefined;
  let stepStartedAt = performance.now();
  const onStepFinish = async (step: StepResult<ToolSet>): Promise<void> => {
    if (failure) return;
    result.steps++;
    result.text = step.text;
    result.finishReason = step.finishReason;
    result.usage.inputTokens = add(result.usage.inputTokens, step.usage.inputTokens);
    result.usage.outputTokens = add(result.usage.outputTokens, step.usage.outputTokens);
    result.usage.totalTokens = add(result.usage.inputTokens, result.usage.outputTokens);
    try {
      const endedAt = performance.now();
      const usage = stepUsage(step.usage);
      const durationMs = Math.round(endedAt - stepStartedAt);
      stepStartedAt = endedAt;
      const messages = storable(step.response.messages);
      await options.onStep(messages, { finishReason: step.finishReason, usage, durationMs, model: candidate.id });
      finished.push(...messages);
    } catch (error) {
      // The AI SDK ignores errors thrown by callbacks; stop the loop ourselves.
      failure = new StepFailure(error);
      stepFailure.abort(error);
    }
  };
  const providerOptions = mergeProviderOptions(candidate.providerOptions, options.providerOptions);
  const settings = {
    model: traceModel(candidate.model),
    instructions: options.system,
    messages: [...options.messages, ...finished],
    allowSystemInMessages: true,
    tools: options.tools,
    stopWhen: isStepCount(options.maxSteps - result.steps),
    maxRetries: candidate.maxRetries,
    abortSignal: AbortSignal.any([options.signal, stepFailure.signal]),
    onWarning: ({ warnings, provider, model }: { warnings: unknown[]; provider?: string; model?: string }) =>
      options.logger.warn({ warnings, provider, model }, 'the model provider reported warnings'),
    onStepFinish,
    ...(candidate.temperature === undefined ? {} : { temperature: candidate.temperature }),
    ...(providerOptions ? { providerOptions } : {}),
  };
  try {
    if (options.onTextDelta) {
      const stream = streamText({ ...settings, onError: () => {} });
      for await (const part of stream.fullStream) {
        if (part.type === 'text-delta') options.onTextDelta(part.text);
        else if (part.type === 'error') throw part.error;
        else if (part.type === 'abort') throw settings.abortSignal.reason ?? new Error('The model stream was aborted.');
      }
    } else {
      await generateText(settings);
    }
  } catch (error) {
    throw failure ?? error;
  }
  if (failure) throw failure;
}
