import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent, createLogger, defineAction, extractTraceContext, injectTraceContext, withSpan, type ExecutionContext } from '../index.js';
import { testPlugin, testService } from '../../test/fixtures.js';
import { z } from 'zod';

// The in-memory setup of @downcity/testing/tracing, inline: core cannot depend on the test kit (it depends on core).
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ destination }), lines };
}

describe('telemetry', () => {
  it('puts the active span ids on log lines, and nothing outside a span', async () => {
    const { logger, lines } = capturedLogger();
    logger.info('before');
    const ids = await withSpan('work', {}, async (span) => {
      await Promise.resolve();
      logger.info('inside');
      return span.spanContext();
    });
    logger.info('after');
    expect(lines.map((line) => [line.msg, line.trace_id, line.span_id])).toEqual([
      ['before', undefined, undefined],
      ['inside', ids.traceId, ids.spanId],
      ['after', undefined, undefined],
    ]);
  });

  it('records a throw as an exception event and error status, and rethrows it', async () => {
    await expect(withSpan('fails', {}, () => Promise.reject(new TypeError('bad input')))).rejects.toThrow('bad input');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: 'bad input' });
    expect(span?.attributes['error.type']).toBe('TypeError');
    expect(span?.events[0]?.name).toBe('exception');
  });

  it('carries a trace context through a JSON round trip (a queued job) to a child span', async () => {
    const carrier = await withSpan('inbound', {}, () => injectTraceContext());
    expect(carrier?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const stored = JSON.parse(JSON.stringify({ carrier }));
    await withSpan('turn', { parent: extractTraceContext(stored.carrier) }, () => undefined);
    const [inbound, turn] = exporter.getFinishedSpans();
    expect(turn?.parentSpanContext?.spanId).toBe(inbound?.spanContext().spanId);
    expect(turn?.spanContext().traceId).toBe(inbound?.spanContext().traceId);
    expect(injectTraceContext(context.active())).toBeUndefined();
  });

  it('gives each extension handler and action a span: a guard that throws is outcome error, a bad action input an error', async () => {
    let captured: ExecutionContext | undefined;
    const service = testService({ id: 'flow', extensionPoints: { 'flow/check': { kind: 'guard', description: 'may deny' } }, actions: { 'flow/add': { description: 'adds' } } }, (given) => {
      captured = given;
      return { actions: { add: defineAction({ description: 'adds', input: z.object({ a: z.number() }), output: z.number(), run: ({ a }) => a + 1 }) } };
    });
    const broken = testPlugin({ id: 'broken', attaches: { 'flow/check': { kind: 'guard' } } }, () => ({
      handlers: {
        'flow/check': () => {
          throw new Error('lost the list');
        },
      } as never,
    }));
    const agent = createAgent({ logger: { level: 'silent' }, services: [service], plugins: [broken] });
    await agent.start();
    try {
      expect(await captured?.plugins.guard('flow/check' as never, {} as never)).toMatchObject({ allow: false, by: 'broken' });
      expect(await agent.invoke('flow/add' as never, { a: 1 } as never)).toBe(2);
      await expect(agent.invoke('flow/add' as never, { a: 'x' } as never)).rejects.toThrow();
    } finally {
      await agent.stop();
    }
    const spans = exporter.getFinishedSpans();
    const guard = spans.find((span) => span.name === 'guard flow/check');
    expect(guard?.attributes).toMatchObject({ 'downcity.extension.owner': 'broken', 'downcity.extension.outcome': 'error' });
    expect(guard?.status.code).toBe(2);
    const actions = spans.filter((span) => span.name === 'action flow/add');
    expect(actions.map((span) => [span.attributes['downcity.action.caller'], span.status.code])).toEqual([
      ['agent', 0],
      ['agent', 2],
    ]);
  });
});
