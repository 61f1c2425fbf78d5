import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4FinishReason, LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { SpanKind, context as otelContext, trace, type Span } from '@opentelemetry/api';
import { wrapLanguageModel } from 'ai';
import type { ProviderModel } from '../model/run-model-loop.js';
import { GenAiAttributes, GenAiOperations } from './gen-ai-attributes.js';
import { downcityTracer } from './tracer.js';
import { recordSpanError, withSpan } from './with-span.js';

/** `openai.chat` → `openai`: the provider part of the AI SDK's provider id. */
export const providerNameOf = (provider: string): string => provider.split('.')[0] ?? provider;

function startAttributes(model: LanguageModelV4, params: LanguageModelV4CallOptions): Record<string, string | number> {
  return {
    [GenAiAttributes.operationName]: GenAiOperations.chat,
    [GenAiAttributes.providerName]: providerNameOf(model.provider),
    [GenAiAttributes.requestModel]: model.modelId,
    ...(params.temperature === undefined ? {} : { 'gen_ai.request.temperature': params.temperature }),
    ...(params.maxOutputTokens === undefined ? {} : { 'gen_ai.request.max_tokens': params.maxOutputTokens }),
  };
}

interface Outcome {
  finishReason?: LanguageModelV4FinishReason;
  usage?: LanguageModelV4Usage;
  response?: { id?: string | undefined; modelId?: string | undefined };
}

/** Sets what the model reported at the end of a call: model, id, finish reason, token counts. */
function recordOutcome(span: Span, outcome: Outcome): void {
  const { finishReason, usage, response } = outcome;
  if (response?.modelId) span.setAttribute(GenAiAttributes.responseModel, response.modelId);
  if (response?.id) span.setAttribute(GenAiAttributes.responseId, response.id);
  if (finishReason) span.setAttribute(GenAiAttributes.responseFinishReasons, [finishReason.unified]);
  if (usage?.inputTokens.total !== undefined) span.setAttribute(GenAiAttributes.usageInputTokens, usage.inputTokens.total);
  if (usage?.outputTokens.total !== undefined) span.setAttribute(GenAiAttributes.usageOutputTokens, usage.outputTokens.total);
  if (usage?.inputTokens.cacheRead !== undefined) span.setAttribute(GenAiAttributes.usageCacheReadInputTokens, usage.inputTokens.cacheRead);
}

/** Ends `span` once the stream finishes, fails or is cancelled, with what its `finish` part reported. */
function observeStream(stream: ReadableStream<LanguageModelV4StreamPart>, span: Span): ReadableStream<LanguageModelV4StreamPart> {
  const outcome: Outcome = {};
  let ended = false;
  const end = (error?: unknown): void => {
    if (ended) return;
    ended = true;
    if (error !== undefined) recordSpanError(span, error);
    recordOutcome(span, outcome);
    span.end();
  };
  return stream.pipeThrough(
    new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
      transform(part, controller) {
        if (part.type === 'response-metadata') outcome.response = { id: part.id, modelId: part.modelId };
        else if (part.type === 'finish') Object.assign(outcome, { finishReason: part.finishReason, usage: part.usage });
        else if (part.type === 'error') end(part.error);
        controller.enqueue(part);
      },
      flush() {
        end();
      },
      cancel(reason) {
        end(reason ?? new Error('The model stream was cancelled.'));
      },
    }),
  );
}

/**
 * The model with a `chat <model>` span (GenAI semantic conventions, kind `CLIENT`) around each call the AI
 * SDK makes to it: one per step of the loop, retries included. The span carries the provider, the requested
 * and responding model, the finish reason and the token usage; a streamed call's span ends when its stream
 * does. With no tracer provider registered the spans are no-ops.
 */
export function traceModel(model: ProviderModel): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v4',
      wrapGenerate: ({ doGenerate, params, model: inner }) =>
        withSpan(`chat ${inner.modelId}`, { kind: SpanKind.CLIENT, attributes: startAttributes(inner, params) }, async (span) => {
          const result = await doGenerate();
          recordOutcome(span, result);
          return result;
        }),
      wrapStream: async ({ doStream, params, model: inner }) => {
        const span = downcityTracer().startSpan(`chat ${inner.modelId}`, { kind: SpanKind.CLIENT, attributes: startAttributes(inner, params) });
        try {
          const result = await otelContext.with(trace.setSpan(otelContext.active(), span), doStream);
          return { ...result, stream: observeStream(result.stream, span) };
        } catch (error) {
          recordSpanError(span, error);
          span.end();
          throw error;
        }
      },
    },
  });
}
