import { SpanKind, SpanStatusCode, type Attributes, type Context, type Link, type Span, context as otelContext } from '@opentelemetry/api';
import { downcityTracer } from './tracer.js';

/** Options for {@link withSpan}. */
export interface WithSpanOptions {
  /** Attributes set when the span starts. */
  attributes?: Attributes;
  /** The span kind (default `INTERNAL`). */
  kind?: SpanKind;
  /** Links to other spans, e.g. the inbound span of a queued message. */
  links?: Link[];
  /** The parent context (default: the active one). */
  parent?: Context;
}

/** Marks a span failed: the exception recorded as an event, the status `ERROR` with the error's message. */
export function recordSpanError(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  const code = (error as { code?: unknown } | null)?.code;
  span.setAttribute('error.type', typeof code === 'string' ? code : exception.name);
}

/**
 * Runs `work` inside a new active span named `name`: spans started inside it (and log lines written inside
 * it) belong to it. A throw or a rejection is recorded on the span (exception event, `ERROR` status,
 * `error.type`) and rethrown; the span ends when `work` settles.
 *
 * @example
 * ```ts
 * const rows = await withSpan('my-plugin.lookup', { attributes: { 'my_plugin.table': table } }, () => db.query(table));
 * ```
 */
export function withSpan<T>(name: string, options: WithSpanOptions, work: (span: Span) => Promise<T> | T): Promise<T> {
  const spanOptions = { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}), ...(options.links ? { links: options.links } : {}) };
  return downcityTracer().startActiveSpan(name, spanOptions, options.parent ?? otelContext.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordSpanError(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
