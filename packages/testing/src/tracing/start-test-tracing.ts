import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/** A registered in-memory tracer provider; dispose it to unregister everything. */
export interface TestTracing extends AsyncDisposable {
  /** The spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** The ended spans named `name`. */
  named(name: string): ReadableSpan[];
  /** Forgets the spans recorded so far. */
  reset(): void;
}

/**
 * Registers, globally, a tracer provider that keeps every ended span in memory, the AsyncLocalStorage context
 * manager (so spans nest across `await`) and the W3C trace-context propagator (so `injectTraceContext` carries a
 * `traceparent`). Only one can be active at a time; dispose it at the end of the test file.
 *
 * @example
 * ```ts
 * await using tracing = startTestTracing();
 * // ... run a turn ...
 * expect(tracing.named('invoke_agent')).toHaveLength(1);
 * ```
 */
export function startTestTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager) || !trace.setGlobalTracerProvider(provider) || !propagation.setGlobalPropagator(new W3CTraceContextPropagator())) {
    context.disable();
    trace.disable();
    propagation.disable();
    throw new Error('OpenTelemetry globals were registered already: dispose the earlier startTestTracing() (or other setup) first.');
  }
  return {
    spans: () => exporter.getFinishedSpans(),
    named: (name) => exporter.getFinishedSpans().filter((span) => span.name === name),
    reset: () => exporter.reset(),
    async [Symbol.asyncDispose]() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
