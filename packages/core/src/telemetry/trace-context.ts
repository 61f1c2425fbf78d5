import { context, propagation, trace, type Context, type Link } from '@opentelemetry/api';

/** Trace context in a plain, JSON-safe form: W3C `traceparent` (and `tracestate`, baggage) header values. */
export type TraceCarrier = Record<string, string>;

/**
 * The active trace context as a plain object, through the registered propagator (W3C trace context by
 * default in the Node SDK), to store with queued work: a message, a job payload. Returns `undefined` when
 * there is nothing to carry (no active span, or no propagator registered), so nothing is stored.
 */
export function injectTraceContext(from: Context = context.active()): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** The context stored by {@link injectTraceContext}, to start a span under it (`withSpan(name, { parent })`). */
export function extractTraceContext(carrier: TraceCarrier | undefined, base: Context = context.active()): Context {
  return carrier ? propagation.extract(base, carrier) : base;
}

/** A span link to the span a carrier was injected from, or none when it carries no valid span. */
export function linksFrom(carrier: TraceCarrier | undefined): Link[] {
  if (!carrier) return [];
  const spanContext = trace.getSpanContext(propagation.extract(context.active(), carrier));
  return spanContext && trace.isSpanContextValid(spanContext) ? [{ context: spanContext }] : [];
}
