import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { lastUserTextOfPrompt } from './last-user-text.js';
import { ReplyScript, type ReplySource } from './reply-script.js';
import { scriptedApiCallError } from './scripted-api-call-error.js';
import type { ScriptedReply } from './scripted-reply.js';
import { toScriptedResult, type ScriptedResult } from './scripted-result.js';
import { scriptedStream } from './scripted-stream.js';

/** Waits until `signal` aborts, then throws its reason; never settles without a signal. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Options for {@link createScriptedModel}.
 */
export interface ScriptedModelOptions {
  /** Replies answered in order, one per model call. */
  replies?: ScriptedReply[];
  /** Reply used once `replies` is exhausted; by default echoes `echo: <last user text>`. */
  default?: ReplySource<ScriptedReply, LanguageModelV4CallOptions>;
  /** Model id reported to the AI SDK; `scripted-model` by default. */
  modelId?: string;
  /** Provider name reported to the AI SDK; `scripted` by default. */
  provider?: string;
}

/**
 * One recorded call to a {@link ScriptedModel}.
 */
export interface ScriptedModelCall {
  /** `generate` for `doGenerate` (`generateText`), `stream` for `doStream` (`streamText`). */
  kind: 'generate' | 'stream';
  /** The prompt the model was given (system, user, assistant and tool messages). */
  prompt: LanguageModelV4CallOptions['prompt'];
  /** The tools the model was offered. */
  tools: LanguageModelV4CallOptions['tools'];
  /** The full call options. */
  options: LanguageModelV4CallOptions;
}

/**
 * A zero-latency AI SDK v4 language model (AI SDK 7) that answers from a script.
 */
export interface ScriptedModel extends LanguageModelV4 {
  /** Every call made so far, oldest first. */
  readonly calls: readonly ScriptedModelCall[];
  /**
   * Queues replies; each model call takes the oldest one.
   *
   * @param replies - Replies in call order.
   */
  enqueue(...replies: ScriptedReply[]): void;
  /**
   * Replaces the reply used when the queue is empty.
   *
   * @param reply - A fixed reply or a function of the call options.
   */
  setDefault(reply: ReplySource<ScriptedReply, LanguageModelV4CallOptions>): void;
}

/**
 * Creates a scripted `LanguageModelV4` with no network and no timers, for fast unit tests and for
 * benchmarks that measure framework overhead. Pass it as `model` to `generateText` or `streamText`.
 *
 * @param options - Scripted replies, the fallback reply and the reported model id.
 * @returns The model; its `calls` record every prompt it was given.
 *
 * @example
 * ```ts
 * const model = createScriptedModel({ replies: [{ text: 'Hello there' }] });
 * const { text } = await generateText({ model, prompt: 'Hi' });
 * ```
 */
export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  const modelId = options.modelId ?? 'scripted-model';
  const script = new ReplyScript<ScriptedReply, LanguageModelV4CallOptions>(
    options.default ?? ((callOptions) => ({ text: `echo: ${lastUserTextOfPrompt(callOptions.prompt)}` })),
  );
  script.enqueue(...(options.replies ?? []));
  const calls: ScriptedModelCall[] = [];
  let responseCount = 0;
  let toolCallCount = 0;

  const answer = (kind: ScriptedModelCall['kind'], callOptions: LanguageModelV4CallOptions): ScriptedResult & { hold: boolean } => {
    calls.push({ kind, prompt: callOptions.prompt, tools: callOptions.tools, options: callOptions });
    callOptions.abortSignal?.throwIfAborted();
    const reply = script.next(callOptions);
    if ('error' in reply) {
      throw scriptedApiCallError({ error: reply.error, modelId, requestBodyValues: { prompt: callOptions.prompt } });
    }
    const result = toScriptedResult({
      reply,
      prompt: callOptions.prompt,
      nextToolCallId: () => `call_${(toolCallCount += 1)}`,
    });
    return { ...result, hold: reply.hold === true };
  };
  const responseMetadata = () => ({ id: `scripted-${(responseCount += 1)}`, modelId, timestamp: new Date() });

  return {
    specificationVersion: 'v4',
    provider: options.provider ?? 'scripted',
    modelId,
    supportedUrls: {},
    calls,
    enqueue: (...replies) => script.enqueue(...replies),
    setDefault: (reply) => script.setDefault(reply),
    async doGenerate(callOptions): Promise<LanguageModelV4GenerateResult> {
      const result = answer('generate', callOptions);
      if (result.hold) await untilAborted(callOptions.abortSignal);
      const content: LanguageModelV4Content[] = [];
      if (result.reasoning) content.push(result.reasoning);
      if (result.text) content.push(result.text);
      content.push(...result.toolCalls);
      return {
        content,
        finishReason: result.finishReason,
        usage: result.usage,
        response: responseMetadata(),
        warnings: [],
      };
    },
    async doStream(callOptions): Promise<LanguageModelV4StreamResult> {
      const result = answer('stream', callOptions);
      return { stream: scriptedStream(result, responseMetadata(), result.hold ? { signal: callOptions.abortSignal } : undefined) };
    },
  };
}
