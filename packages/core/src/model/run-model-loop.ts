import type { LanguageModelV3, LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, isStepCount, streamText, type AssistantModelMessage, type ModelMessage, type StepResult, type ToolModelMessage, type ToolSet } from 'ai';
import type { Logger } from '../logger/logger.js';
import type { ProviderOptions } from './provider-options.js';
import { traceModel } from '../telemetry/trace-model.js';

/** Token usage summed over a turn's steps. */
export interface LoopUsage {
  /** Prompt tokens. */
  inputTokens?: number;
  /** Completion tokens. */
  outputTokens?: number;
  /** Both. */
  totalTokens?: number;
}

/** A provider model Downcity can run: AI SDK provider spec v4 (AI SDK 7 providers) or v3 (AI SDK 6 providers). */
export type ProviderModel = LanguageModelV4 | LanguageModelV3;

/** Options for {@link runModelLoop}. */
export interface ModelLoopOptions {
  /** The provider model. */
  model: ProviderModel;
  /** The system prompt. */
  system: string;
  /** The prompt window. */
  messages: ModelMessage[];
  /** The turn's tools. */
  tools: ToolSet;
  /** Maximum steps. */
  maxSteps: number;
  /** Retries for 429 / 5xx, with exponential backoff honouring `retry-after`. */
  maxRetries: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Provider options sent with every step (`{ openai: {...}, anthropic: {...} }`). */
  providerOptions?: ProviderOptions;
  /** Cancels the loop. */
  signal: AbortSignal;
  /** Where provider warnings (unsupported settings...) are logged. */
  logger: Logger;
  /** When set, the model streams and each text delta is passed here. */
  onTextDelta?: (delta: string) => void;
  /** Called with each finished step's messages (assistant, then tool results); awaited before the next step. A throw ends the loop with that error. */
  onStep: (messages: (AssistantModelMessage | ToolModelMessage)[], step: LoopStep) => Promise<void>;
}

/** What the loop tells `onStep` about a finished step. */
export interface LoopStep {
  /** Why the step ended (`stop`, `tool-calls`, `length`, ...). */
  finishReason: string;
  /** The step's own token usage, when the provider reports it. */
  usage: LoopUsage;
  /** Milliseconds from the step's start (the loop's start, or the previous step's end) to its end, tools included. */
  durationMs: number;
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
function stepUsage(usage: { inputTokens?: number | undefined; outputTokens?: number | undefined }): LoopUsage {
  const { inputTokens, outputTokens } = usage;
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(inputTokens === undefined && outputTokens === undefined ? {} : { totalTokens: (inputTokens ?? 0) + (outputTokens ?? 0) }),
  };
}

/**
 * The multi-step model loop: the AI SDK's own `generateText` / `streamText` with `stopWhen`, its
 * retries, its concurrent tool execution and its response messages (reasoning, tool calls and their
 * provider metadata included). Each finished step is handed to `onStep`, which stores it atomically
 * before the next step starts; a failed store aborts the loop and its error is thrown.
 */
export async function runModelLoop(options: ModelLoopOptions): Promise<ModelLoopResult> {
  const stepFailure = new AbortController();
  let failure: { error: unknown } | undefined;
  const result: ModelLoopResult = { text: '', steps: 0, finishReason: 'other', usage: {} };
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
      await options.onStep(storable(step.response.messages), { finishReason: step.finishReason, usage, durationMs });
    } catch (error) {
      // The AI SDK ignores errors thrown by callbacks; stop the loop ourselves.
      failure = { error };
      stepFailure.abort(error);
    }
  };
  const settings = {
    model: traceModel(options.model),
    instructions: options.system,
    messages: options.messages,
    allowSystemInMessages: true,
    tools: options.tools,
    stopWhen: isStepCount(options.maxSteps),
    maxRetries: options.maxRetries,
    abortSignal: AbortSignal.any([options.signal, stepFailure.signal]),
    onWarning: ({ warnings, provider, model }: { warnings: unknown[]; provider?: string; model?: string }) =>
      options.logger.warn({ warnings, provider, model }, 'the model provider reported warnings'),
    onStepFinish,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
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
    throw failure ? failure.error : error;
  }
  if (failure) throw failure.error;
  return result;
}
