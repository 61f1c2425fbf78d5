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
  /**
   * Waits until at least `count` spans named `name` have ended (a span ends after the work a test can observe,
   * e.g. the reply sent), failing after `timeoutMs` (default 5 s) with the names of the spans seen.
   */
  until(name: string, count?: number, timeoutMs?: number): Promise<void>;
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
    async until(name, count = 1, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (exporter.getFinishedSpans().filter((span) => span.name === name).length < count) {
        if (Date.now() > deadline) {
          const seen = exporter.getFinishedSpans().map((span) => span.name);
          throw new Error(`Waited ${timeoutMs} ms for ${count} span(s) named "${name}"; ended so far: ${seen.join(', ') || '(none)'}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async [Symbol.asyncDispose]() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
